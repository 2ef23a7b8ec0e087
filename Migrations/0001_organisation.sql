-- The training organisation running Atelier: its legal identity, printed on every certificate,
-- attendance sheet and convocation (DOMAIN.md, "Documents and their fields"). One row at most.

-- A SIRET is 14 digits whose Luhn sum is a multiple of 10, except La Poste's establishments
-- (SIREN 356000000), whose digits add up to a multiple of 5.
CREATE FUNCTION is_valid_siret(siret text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN siret ~ '^[0-9]{14}$' AND (
    CASE WHEN left(siret, 9) = '356000000'
         THEN (SELECT sum(d::int) FROM regexp_split_to_table(siret, '') AS d) % 5 = 0
         ELSE (SELECT sum(CASE WHEN i % 2 = 1 THEN (2 * d::int) / 10 + (2 * d::int) % 10 ELSE d::int END)
               FROM regexp_split_to_table(siret, '') WITH ORDINALITY AS t(d, i)) % 10 = 0
    END);

CREATE TABLE organisation (
    -- Always true: the primary key admits one row.
    singleton boolean PRIMARY KEY DEFAULT true CONSTRAINT organisation_single_row CHECK (singleton),
    name text NOT NULL CONSTRAINT organisation_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    siret text NOT NULL CONSTRAINT organisation_siret_valid CHECK (is_valid_siret(siret)),
    -- Numéro de déclaration d'activité: 11 digits, the first two the region's code.
    activity_number text NOT NULL CONSTRAINT organisation_activity_number_format CHECK (activity_number ~ '^[0-9]{11}$'),
    street text NOT NULL CONSTRAINT organisation_street_length CHECK (length(btrim(street)) BETWEEN 1 AND 200),
    postal_code text NOT NULL CONSTRAINT organisation_postal_code_format CHECK (postal_code ~ '^[0-9]{5}$'),
    city text NOT NULL CONSTRAINT organisation_city_length CHECK (length(btrim(city)) BETWEEN 1 AND 100),
    email text NOT NULL CONSTRAINT organisation_email_format CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    phone text CONSTRAINT organisation_phone_length CHECK (length(phone) <= 30),
    website text CONSTRAINT organisation_website_length CHECK (length(website) <= 200),
    -- Who signs certificates, and as what ("Directrice", "Président").
    signatory_name text NOT NULL CONSTRAINT organisation_signatory_name_length CHECK (length(btrim(signatory_name)) BETWEEN 1 AND 100),
    signatory_role text NOT NULL CONSTRAINT organisation_signatory_role_length CHECK (length(btrim(signatory_role)) BETWEEN 1 AND 100),
    -- The référent handicap (Qualiopi indicator 26), named in every convocation.
    disability_referent_name text CONSTRAINT organisation_disability_referent_name_length CHECK (length(disability_referent_name) <= 100),
    disability_referent_email text CONSTRAINT organisation_disability_referent_email_format CHECK (disability_referent_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    updated_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE organisation IS 'The training organisation (organisme de formation) running Atelier.';
