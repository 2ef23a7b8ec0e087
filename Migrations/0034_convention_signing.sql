-- Conventions, contrats and quotes signed from a personal link on the pages (`/c/<token>`):
-- only the token's SHA-256 is kept, so that a copy of the database signs nothing.
CREATE TABLE convention_link (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_sha256 bytea NOT NULL CONSTRAINT convention_link_token_key UNIQUE,
    convention_id bigint NOT NULL REFERENCES convention,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX convention_link_convention_idx ON convention_link (convention_id);

-- The evidence of a signature given on the pages, as a court reads it: who signed, in which
-- role, the sentence they certified, their drawing or typed name, the SHA-256 of the PDF they
-- were shown, the server's time, the client's address and browser. Rows are never changed nor
-- removed; each holds the hash of the one before it and its own, as the attendance evidence
-- does, so that an edit made behind the application's back breaks the chain.
CREATE TABLE convention_evidence (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position integer NOT NULL CONSTRAINT convention_evidence_position_key UNIQUE,
    convention_id bigint NOT NULL CONSTRAINT convention_evidence_once UNIQUE REFERENCES convention,
    link_id bigint NOT NULL REFERENCES convention_link,
    signer_name text NOT NULL CONSTRAINT convention_evidence_signer_name_text
        CHECK (is_printed_line(signer_name) AND length(signer_name) BETWEEN 1 AND 200),
    signer_role text NOT NULL CONSTRAINT convention_evidence_signer_role_text
        CHECK (is_printed_line(signer_role) AND length(signer_role) BETWEEN 1 AND 100),
    consent text NOT NULL CONSTRAINT convention_evidence_consent_text
        CHECK (is_one_line(consent) AND length(consent) BETWEEN 1 AND 1000),
    typed_name text CONSTRAINT convention_evidence_typed_name_text
        CHECK (is_one_line(typed_name) AND length(typed_name) BETWEEN 1 AND 200),
    signature_png bytea CONSTRAINT convention_evidence_signature_png_length
        CHECK (length(signature_png) BETWEEN 8 AND 65536),
    pdf_sha256 text NOT NULL CONSTRAINT convention_evidence_pdf_sha256_format CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
    signed_at timestamptz NOT NULL,
    client_address inet,
    user_agent text CONSTRAINT convention_evidence_user_agent_text
        CHECK (is_one_line(user_agent) AND length(user_agent) BETWEEN 1 AND 500),
    previous_hash bytea,
    hash bytea NOT NULL,
    CONSTRAINT convention_evidence_one_mark CHECK ((typed_name IS NULL) <> (signature_png IS NULL))
);

CREATE FUNCTION convention_evidence_digest(e convention_evidence) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT sha256(coalesce(e.previous_hash, ''::bytea) || convert_to(jsonb_build_array(
        e.position, e.convention_id, e.link_id, e.signer_name, e.signer_role, e.consent, e.typed_name,
        encode(sha256(e.signature_png), 'hex'), e.pdf_sha256,
        to_char(e.signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), host(e.client_address),
        e.user_agent)::text, 'UTF8'))
$$;

-- Links a new row to the last one: a transaction-wide lock makes signers queue, so that
-- positions follow the order of commits and no two rows claim the same parent.
CREATE FUNCTION convention_evidence_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_row convention_evidence;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('convention_evidence'));
    SELECT * INTO last_row FROM convention_evidence ORDER BY position DESC LIMIT 1;
    NEW.position := coalesce(last_row.position, 0) + 1;
    NEW.previous_hash := last_row.hash;
    NEW.signed_at := clock_timestamp();
    NEW.hash := convention_evidence_digest(NEW);
    RETURN NEW;
END $$;
CREATE TRIGGER convention_evidence_chain BEFORE INSERT ON convention_evidence
    FOR EACH ROW EXECUTE FUNCTION convention_evidence_chain();

CREATE FUNCTION convention_evidence_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the evidence of a signature never changes'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'convention_evidence_frozen';
END $$;
CREATE TRIGGER convention_evidence_frozen BEFORE UPDATE OR DELETE ON convention_evidence
    FOR EACH ROW EXECUTE FUNCTION convention_evidence_frozen();
