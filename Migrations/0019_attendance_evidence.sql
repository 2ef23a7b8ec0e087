-- A participant's personal link to sign the half-days of their session (`/s/<token>`): only the
-- token's SHA-256 is kept, so that a copy of the database signs nothing. Each message carries a
-- link of its own (the convocation, a promotion); every one opens the same page.
CREATE TABLE signing_link (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_sha256 bytea NOT NULL CONSTRAINT signing_link_token_key UNIQUE,
    registration_id bigint NOT NULL REFERENCES registration,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signing_link_registration_idx ON signing_link (registration_id);

-- The evidence of attendance, as courts and funders read it: every signature, mark, closing and
-- correction, from the pages or the CLI, one row each, never changed nor removed. Each row holds
-- the hash of the one before it in its session and its own, over all it says: an edit made
-- behind the application's back (a superuser disabling the trigger) breaks the chain, and
-- `atelier attendance verify` finds where.
CREATE TABLE attendance_evidence (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id bigint NOT NULL REFERENCES session,
    -- The row's place in its session's chain, given under the session's lock: 1, 2, 3…
    position integer NOT NULL,
    slot_id bigint NOT NULL,
    registration_id bigint,
    trainer_id bigint REFERENCES trainer,
    action text NOT NULL CONSTRAINT attendance_evidence_action_check
        CHECK (action IN ('signature', 'mark', 'closing', 'correction')),
    status text CONSTRAINT attendance_evidence_status_check
        CHECK (status IN ('present', 'absent', 'excused', 'late', 'left-early')),
    channel text NOT NULL CONSTRAINT attendance_evidence_channel_check
        CHECK (channel IN ('personal-link', 'room-code', 'trainer-phone', 'cli')),
    actor text NOT NULL CONSTRAINT attendance_evidence_actor_length CHECK (length(actor) BETWEEN 1 AND 200),
    -- The server's clock when the row was written: never the client's.
    acted_at timestamptz NOT NULL,
    client_address inet,
    user_agent text CONSTRAINT attendance_evidence_user_agent_length CHECK (length(user_agent) BETWEEN 1 AND 500),
    link_id bigint REFERENCES signing_link,
    consent text CONSTRAINT attendance_evidence_consent_length CHECK (length(consent) BETWEEN 1 AND 1000),
    typed_name text CONSTRAINT attendance_evidence_typed_name_length CHECK (length(typed_name) BETWEEN 1 AND 200),
    signature_png bytea CONSTRAINT attendance_evidence_signature_png_length
        CHECK (length(signature_png) BETWEEN 8 AND 65536),
    signature_sha256 bytea GENERATED ALWAYS AS (sha256(signature_png)) STORED,
    -- Signed after the half-day's end, within its grace.
    late boolean NOT NULL DEFAULT false,
    reason text CONSTRAINT attendance_evidence_reason_length CHECK (length(reason) BETWEEN 1 AND 500),
    previous_hash bytea,
    hash bytea NOT NULL,
    -- Text from outside, one line, as Swift stores it (is_one_line: NFC, no control character).
    CONSTRAINT attendance_evidence_actor_text CHECK (is_one_line(actor)),
    CONSTRAINT attendance_evidence_user_agent_text CHECK (is_one_line(user_agent)),
    CONSTRAINT attendance_evidence_consent_text CHECK (is_one_line(consent)),
    CONSTRAINT attendance_evidence_typed_name_text CHECK (is_one_line(typed_name)),
    CONSTRAINT attendance_evidence_reason_text CHECK (is_one_line(reason)),
    CONSTRAINT attendance_evidence_position_key UNIQUE (session_id, position),
    FOREIGN KEY (session_id, slot_id) REFERENCES slot (session_id, id),
    FOREIGN KEY (session_id, registration_id) REFERENCES registration (session_id, id),
    -- A signature is of one person, drawn or typed, with the sentence they agreed to.
    CONSTRAINT attendance_evidence_signature_shape CHECK (
        action <> 'signature'
        OR ((registration_id IS NULL) <> (trainer_id IS NULL)
            AND (signature_png IS NULL) <> (typed_name IS NULL) AND consent IS NOT NULL))
);
CREATE UNIQUE INDEX attendance_evidence_signed_once ON attendance_evidence (registration_id, slot_id)
    WHERE action = 'signature' AND registration_id IS NOT NULL;
CREATE INDEX attendance_evidence_slot_idx ON attendance_evidence (slot_id);

-- The hash of a row: SHA-256 of the previous hash followed by the row's fields as a JSON array
-- (one canonical text: no separator to confuse, a NULL written as null), times in UTC.
CREATE FUNCTION attendance_evidence_digest(e attendance_evidence) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT sha256(coalesce(e.previous_hash, ''::bytea) || convert_to(jsonb_build_array(
        e.session_id, e.position, e.slot_id, e.registration_id, e.trainer_id, e.action, e.status, e.channel,
        e.actor, to_char(e.acted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), host(e.client_address),
        e.user_agent, e.link_id, e.consent, e.typed_name, encode(sha256(e.signature_png), 'hex'), e.late,
        e.reason)::text, 'UTF8'))
$$;

-- Links a new row to the last of its session: the session's lock makes concurrent signers
-- queue, so that positions follow the order of commits and no two rows claim the same parent.
CREATE FUNCTION attendance_evidence_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_row attendance_evidence;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('attendance_evidence'), NEW.session_id::integer);
    SELECT * INTO last_row FROM attendance_evidence WHERE session_id = NEW.session_id
    ORDER BY position DESC LIMIT 1;
    NEW.position := coalesce(last_row.position, 0) + 1;
    NEW.previous_hash := last_row.hash;
    NEW.acted_at := clock_timestamp();
    NEW.hash := attendance_evidence_digest(NEW);
    RETURN NEW;
END
$$;
CREATE TRIGGER attendance_evidence_chain BEFORE INSERT ON attendance_evidence
    FOR EACH ROW EXECUTE FUNCTION attendance_evidence_chain();

CREATE FUNCTION attendance_evidence_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'attendance evidence is never changed nor removed'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_evidence_append_only';
END
$$;
CREATE TRIGGER attendance_evidence_append_only BEFORE UPDATE OR DELETE ON attendance_evidence
    FOR EACH ROW EXECUTE FUNCTION attendance_evidence_append_only();
CREATE TRIGGER attendance_evidence_no_truncate BEFORE TRUNCATE ON attendance_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION attendance_evidence_append_only();
