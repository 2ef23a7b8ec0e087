-- The catalogue (modules), the people and places sessions need (trainers, venues), who pays
-- (funders), and who comes (participants and their employers); plus the domain event log that
-- every change appends to in its own transaction. Constraint names are the ones the Swift side
-- turns into sentences: keep them.

CREATE FUNCTION is_valid_email(email text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' AND length(email) <= 254;

CREATE TABLE module (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL CONSTRAINT module_code_key UNIQUE
        CONSTRAINT module_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,29}$'),
    title text NOT NULL CONSTRAINT module_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    objectives text NOT NULL DEFAULT '' CONSTRAINT module_objectives_length CHECK (length(objectives) <= 5000),
    programme text NOT NULL DEFAULT '' CONSTRAINT module_programme_length CHECK (length(programme) <= 20000),
    audience text NOT NULL DEFAULT '' CONSTRAINT module_audience_length CHECK (length(audience) <= 2000),
    prerequisites text NOT NULL DEFAULT '' CONSTRAINT module_prerequisites_length CHECK (length(prerequisites) <= 2000),
    duration_minutes int NOT NULL CONSTRAINT module_duration_range CHECK (duration_minutes BETWEEN 30 AND 60000),
    modality text NOT NULL DEFAULT 'presentiel'
        CONSTRAINT module_modality_check CHECK (modality IN ('presentiel', 'distanciel', 'hybride')),
    -- The four natures of L.6313-1, as the certificate names them.
    nature text NOT NULL DEFAULT 'action_de_formation'
        CONSTRAINT module_nature_check CHECK (nature IN ('action_de_formation', 'bilan_de_competences', 'vae', 'apprentissage')),
    evaluation_method text NOT NULL DEFAULT '' CONSTRAINT module_evaluation_length CHECK (length(evaluation_method) <= 2000),
    default_capacity int NOT NULL DEFAULT 12 CONSTRAINT module_capacity_range CHECK (default_capacity BETWEEN 1 AND 500),
    price_per_participant_cents bigint CONSTRAINT module_price_participant_range CHECK (price_per_participant_cents BETWEEN 0 AND 100000000),
    price_per_group_cents bigint CONSTRAINT module_price_group_range CHECK (price_per_group_cents BETWEEN 0 AND 100000000),
    archived boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE module_competence (
    module_id bigint NOT NULL REFERENCES module ON DELETE CASCADE,
    competence_id bigint NOT NULL REFERENCES competence,
    PRIMARY KEY (module_id, competence_id)
);

CREATE TABLE trainer (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL CONSTRAINT trainer_code_key UNIQUE
        CONSTRAINT trainer_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,29}$'),
    name text NOT NULL CONSTRAINT trainer_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    -- A person, or an organisation such as a Scop that sends its own trainers.
    kind text NOT NULL DEFAULT 'person' CONSTRAINT trainer_kind_check CHECK (kind IN ('person', 'organisation')),
    -- BPF section E counts internal and external trainers apart.
    internal boolean NOT NULL DEFAULT false,
    email text CONSTRAINT trainer_email_format CHECK (is_valid_email(email)),
    phone text CONSTRAINT trainer_phone_length CHECK (length(phone) <= 30),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE venue (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL CONSTRAINT venue_code_key UNIQUE
        CONSTRAINT venue_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,29}$'),
    name text NOT NULL CONSTRAINT venue_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    street text NOT NULL CONSTRAINT venue_street_length CHECK (length(btrim(street)) BETWEEN 1 AND 200),
    postal_code text NOT NULL CONSTRAINT venue_postal_code_format CHECK (postal_code ~ '^[0-9]{5}$'),
    city text NOT NULL CONSTRAINT venue_city_length CHECK (length(btrim(city)) BETWEEN 1 AND 100),
    -- How to get there and in: printed in convocations.
    access_notes text NOT NULL DEFAULT '' CONSTRAINT venue_access_notes_length CHECK (length(access_notes) <= 2000),
    step_free boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE funder (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL CONSTRAINT funder_code_key UNIQUE
        CONSTRAINT funder_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,29}$'),
    name text NOT NULL CONSTRAINT funder_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    -- The kinds the BPF's section C sorts revenue by.
    kind text NOT NULL CONSTRAINT funder_kind_check
        CHECK (kind IN ('opco', 'region', 'etat', 'employeur', 'particulier', 'autre')),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The associations participants come from (their employers, or where they volunteer).
CREATE TABLE employer (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CONSTRAINT employer_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    siret text CONSTRAINT employer_siret_key UNIQUE CONSTRAINT employer_siret_valid CHECK (is_valid_siret(siret)),
    city text CONSTRAINT employer_city_length CHECK (length(city) <= 100),
    created_at timestamptz NOT NULL DEFAULT now()
);
-- Without a SIRET, one employer per name and city.
CREATE UNIQUE INDEX employer_name_city_key ON employer (lower(name), lower(coalesce(city, ''))) WHERE siret IS NULL;

CREATE TABLE participant (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    first_name text NOT NULL CONSTRAINT participant_first_name_length CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
    last_name text NOT NULL CONSTRAINT participant_last_name_length CHECK (length(btrim(last_name)) BETWEEN 1 AND 100),
    email text NOT NULL CONSTRAINT participant_email_format CHECK (is_valid_email(email)),
    phone text CONSTRAINT participant_phone_length CHECK (length(phone) <= 30),
    employer_id bigint REFERENCES employer,
    status text NOT NULL DEFAULT 'salarie' CONSTRAINT participant_status_check
        CHECK (status IN ('salarie', 'benevole', 'dirigeant_benevole', 'demandeur_emploi', 'autre')),
    accessibility_needs text NOT NULL DEFAULT '' CONSTRAINT participant_accessibility_length CHECK (length(accessibility_needs) <= 2000),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX participant_email_key ON participant (lower(email));

-- The domain events, appended in the transaction of the change they describe; the queue turns
-- them into jobs.
CREATE TABLE event (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CONSTRAINT event_name_format CHECK (name ~ '^[a-z_]+\.[a-z_]+$'),
    payload jsonb NOT NULL DEFAULT '{}',
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_occurred_at_idx ON event (occurred_at);
