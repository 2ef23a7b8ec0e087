-- The trainer certifies each half-day from the session's trainer link (`/t/<token>`): marks the
-- participants, signs once and closes it. The link is a signing link of its own kind, held by a
-- trainer for one session rather than by a registration, so that the evidence's `link_id` names
-- either.
ALTER TABLE signing_link
    ALTER COLUMN registration_id DROP NOT NULL,
    ADD COLUMN session_id bigint REFERENCES session,
    ADD COLUMN trainer_id bigint REFERENCES trainer,
    ADD CONSTRAINT signing_link_holder CHECK (
        (registration_id IS NOT NULL AND session_id IS NULL AND trainer_id IS NULL)
        OR (registration_id IS NULL AND session_id IS NOT NULL AND trainer_id IS NOT NULL));
CREATE INDEX signing_link_trainer_idx ON signing_link (session_id, trainer_id) WHERE trainer_id IS NOT NULL;

-- A half-day is closed once, by a trainer, and a trainer signs a half-day once.
CREATE UNIQUE INDEX attendance_evidence_closed_once ON attendance_evidence (slot_id) WHERE action = 'closing';
CREATE UNIQUE INDEX attendance_evidence_trainer_signed_once ON attendance_evidence (trainer_id, slot_id)
    WHERE action = 'signature' AND trainer_id IS NOT NULL;
ALTER TABLE attendance_evidence
    ADD CONSTRAINT attendance_evidence_closing_shape CHECK (
        action <> 'closing' OR (trainer_id IS NOT NULL AND registration_id IS NULL AND status IS NULL)),
    -- Late or gone early says why; a mark or a correction is of one participant, with a status.
    ADD CONSTRAINT attendance_evidence_reason_given CHECK (status NOT IN ('late', 'left-early') OR reason IS NOT NULL),
    ADD CONSTRAINT attendance_evidence_mark_shape CHECK (
        action NOT IN ('mark', 'correction') OR (registration_id IS NOT NULL AND status IS NOT NULL));

-- As before, and a participant's signature arriving after its half-day was closed is refused:
-- under the session's lock, so that a signature and the closing cannot pass each other.
CREATE OR REPLACE FUNCTION attendance_evidence_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_row attendance_evidence;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('attendance_evidence'), NEW.session_id::integer);
    IF NEW.action = 'signature' AND NEW.registration_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM attendance_evidence WHERE slot_id = NEW.slot_id AND action = 'closing')
    THEN
        RAISE EXCEPTION 'the half-day % is closed', NEW.slot_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_evidence_signed_before_closing';
    END IF;
    SELECT * INTO last_row FROM attendance_evidence WHERE session_id = NEW.session_id
    ORDER BY position DESC LIMIT 1;
    NEW.position := coalesce(last_row.position, 0) + 1;
    NEW.previous_hash := last_row.hash;
    NEW.acted_at := clock_timestamp();
    NEW.hash := attendance_evidence_digest(NEW);
    RETURN NEW;
END
$$;
