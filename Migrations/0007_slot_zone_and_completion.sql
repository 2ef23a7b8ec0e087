-- A slot lies within one day of the time zone it was entered in (the `timezone` setting), not
-- of a zone written into the check; and a session is completed only once its last slot ended.

ALTER TABLE slot ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Paris';
ALTER TABLE slot ALTER COLUMN time_zone DROP DEFAULT;
ALTER TABLE slot DROP CONSTRAINT slot_within_one_day,
    ADD CONSTRAINT slot_within_one_day
        CHECK ((starts_at AT TIME ZONE time_zone)::date = (ends_at AT TIME ZONE time_zone)::date);

CREATE OR REPLACE FUNCTION session_completion_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'completed' AND OLD.status <> 'completed' THEN
        IF (SELECT max(ends_at) FROM slot WHERE session_id = NEW.id) > now() THEN
            RAISE EXCEPTION 'session % has not ended', NEW.code
                USING ERRCODE = 'check_violation', CONSTRAINT = 'session_ended';
        END IF;
        IF EXISTS (
            SELECT 1 FROM registration r JOIN slot s ON s.session_id = r.session_id
            WHERE r.session_id = NEW.id AND r.status = 'confirmed'
              AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.registration_id = r.id AND a.slot_id = s.id)
        ) THEN
            RAISE EXCEPTION 'session % has missing attendance', NEW.code
                USING ERRCODE = 'check_violation', CONSTRAINT = 'session_attendance_complete';
        END IF;
    END IF;
    RETURN NEW;
END $$;
