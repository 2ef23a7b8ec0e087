-- Text from outside is stored one way (Training/Values/Field.swift and EmailAddress.swift say the
-- same in Swift): Unicode NFC, no control characters; one-line fields (names, codes, titles)
-- without line breaks; emails lowercased, with nothing a mail system refuses. A participant's
-- email is unique as stored, since it is stored canonical.

-- No C0 or C1 control character, no Unicode line or paragraph separator.
CREATE FUNCTION is_one_line(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN t IS NFC NORMALIZED AND t !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]';

-- The same, but line feeds and tabs are allowed: programmes, notes, answers.
CREATE FUNCTION is_clean_text(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN t IS NFC NORMALIZED AND t !~ '[\x01-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]';

-- Canonical: lowercase (lowering changes nothing) and NFC. Refused: spaces, control and
-- invisible characters, RFC 5322's specials, a dot at either end of the local part or two in a
-- row, an empty domain label, a domain without a dot.
CREATE FUNCTION is_canonical_email(email text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN length(email) <= 254
    AND email IS NFC NORMALIZED
    AND email = lower(email)
    AND email ~ '^[^@]+@[^@.]+(\.[^@.]+)+$'
    AND split_part(email, '@', 1) !~ '^\.|\.$|\.\.'
    AND email !~ '[\s<>()\[\]\\,;:"\x01-\x1f\x7f-\x9f\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\uffa0\ufff0-\ufffb]';

-- Rows written before this migration, made canonical.
UPDATE participant SET email = normalize(lower(btrim(email)), NFC) WHERE email <> normalize(lower(btrim(email)), NFC);
UPDATE trainer SET email = normalize(lower(btrim(email)), NFC) WHERE email <> normalize(lower(btrim(email)), NFC);
UPDATE organisation SET email = normalize(lower(btrim(email)), NFC),
    disability_referent_email = normalize(lower(btrim(disability_referent_email)), NFC);

DROP INDEX participant_email_key;
CREATE UNIQUE INDEX participant_email_key ON participant (email);

ALTER TABLE participant DROP CONSTRAINT participant_email_format,
    ADD CONSTRAINT participant_email_format CHECK (is_canonical_email(email));
ALTER TABLE trainer DROP CONSTRAINT trainer_email_format,
    ADD CONSTRAINT trainer_email_format CHECK (is_canonical_email(email));
ALTER TABLE organisation DROP CONSTRAINT organisation_email_format,
    ADD CONSTRAINT organisation_email_format CHECK (is_canonical_email(email)),
    DROP CONSTRAINT organisation_disability_referent_email_format,
    ADD CONSTRAINT organisation_disability_referent_email_format CHECK (is_canonical_email(disability_referent_email));
DROP FUNCTION is_valid_email(text);

-- Every text column a person fills in, NFC first, then checked.
DO $$
DECLARE
    field record;
BEGIN
    FOR field IN SELECT * FROM (VALUES
        ('module', 'title', 'is_one_line'), ('module', 'objectives', 'is_clean_text'),
        ('module', 'programme', 'is_clean_text'), ('module', 'audience', 'is_clean_text'),
        ('module', 'prerequisites', 'is_clean_text'), ('module', 'evaluation_method', 'is_clean_text'),
        ('trainer', 'name', 'is_one_line'), ('trainer', 'phone', 'is_one_line'),
        ('venue', 'name', 'is_one_line'), ('venue', 'street', 'is_one_line'), ('venue', 'city', 'is_one_line'),
        ('venue', 'access_notes', 'is_clean_text'),
        ('funder', 'name', 'is_one_line'),
        ('employer', 'name', 'is_one_line'), ('employer', 'city', 'is_one_line'),
        ('participant', 'first_name', 'is_one_line'), ('participant', 'last_name', 'is_one_line'),
        ('participant', 'phone', 'is_one_line'), ('participant', 'accessibility_needs', 'is_clean_text'),
        ('organisation', 'name', 'is_one_line'), ('organisation', 'street', 'is_one_line'),
        ('organisation', 'city', 'is_one_line'), ('organisation', 'phone', 'is_one_line'),
        ('organisation', 'website', 'is_one_line'), ('organisation', 'signatory_name', 'is_one_line'),
        ('organisation', 'signatory_role', 'is_one_line'), ('organisation', 'disability_referent_name', 'is_one_line'),
        ('session_part', 'title', 'is_one_line'),
        ('funding_agreement', 'scheme', 'is_one_line'), ('funding_agreement', 'agreement_number', 'is_one_line'),
        ('attendance', 'recorded_by', 'is_one_line'),
        ('answer', 'text', 'is_clean_text')
    ) AS f(tab, col, rule) LOOP
        EXECUTE format('UPDATE %I SET %I = normalize(%I, NFC) WHERE %I IS NOT NFC NORMALIZED',
                       field.tab, field.col, field.col, field.col);
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%I(%I))',
                       field.tab, field.tab || '_' || field.col || '_text', field.rule, field.col);
    END LOOP;
END $$;
