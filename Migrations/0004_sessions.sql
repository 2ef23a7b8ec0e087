-- Sessions: a module given to a group, in one or more parts, each made of half-day slots with a
-- venue and trainers; the funding agreements, registrations with their waitlist, and attendance
-- per slot. Each rule of DOMAIN.md that the database can hold is here as a constraint or a
-- trigger, under the name the Swift side translates (Training/Errors/ConstraintViolation.swift).

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- S-2027-001: numbered per year of the first slot, without gaps, under the counter's row lock.
CREATE TABLE session_code_counter (
    year int PRIMARY KEY,
    last int NOT NULL
);

CREATE TABLE session (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL CONSTRAINT session_code_key UNIQUE
        CONSTRAINT session_code_format CHECK (code ~ '^S-[0-9]{4}-[0-9]{3,}$'),
    module_id bigint NOT NULL REFERENCES module,
    capacity int NOT NULL CONSTRAINT session_capacity_range CHECK (capacity BETWEEN 1 AND 500),
    minimum int NOT NULL DEFAULT 1 CONSTRAINT session_minimum_range CHECK (minimum BETWEEN 0 AND capacity),
    status text NOT NULL DEFAULT 'scheduled'
        CONSTRAINT session_status_check CHECK (status IN ('draft', 'scheduled', 'completed', 'cancelled')),
    created_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    cancelled_at timestamptz,
    CONSTRAINT session_completed_when CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
    CONSTRAINT session_cancelled_when CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);

CREATE TABLE session_part (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id bigint NOT NULL REFERENCES session ON DELETE CASCADE,
    position int NOT NULL CONSTRAINT session_part_position_positive CHECK (position >= 1),
    title text NOT NULL DEFAULT '' CONSTRAINT session_part_title_length CHECK (length(title) <= 200),
    CONSTRAINT session_part_position_key UNIQUE (session_id, position)
);

CREATE TABLE slot (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id bigint NOT NULL REFERENCES session ON DELETE CASCADE,
    part_id bigint NOT NULL REFERENCES session_part ON DELETE CASCADE,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    venue_id bigint REFERENCES venue,
    -- Set when the session is cancelled: its trainers are free again.
    cancelled boolean NOT NULL DEFAULT false,
    minutes int NOT NULL GENERATED ALWAYS AS ((extract(epoch FROM ends_at - starts_at) / 60)::int) STORED,
    CONSTRAINT slot_ends_after_start CHECK (ends_at > starts_at),
    CONSTRAINT slot_within_one_day
        CHECK ((starts_at AT TIME ZONE 'Europe/Paris')::date = (ends_at AT TIME ZONE 'Europe/Paris')::date),
    CONSTRAINT slot_no_overlap_in_session EXCLUDE USING gist (session_id WITH =, tstzrange(starts_at, ends_at) WITH &&),
    CONSTRAINT slot_session_key UNIQUE (session_id, id),
    CONSTRAINT slot_booking_key UNIQUE (id, starts_at, ends_at, cancelled)
);
CREATE INDEX slot_starts_at_idx ON slot (starts_at);

-- The slot's times and state are copied here through a cascading foreign key, so that the
-- exclusion constraint can see them: a trainer is never in two overlapping live slots.
CREATE TABLE slot_trainer (
    slot_id bigint NOT NULL,
    trainer_id bigint NOT NULL REFERENCES trainer,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    cancelled boolean NOT NULL,
    PRIMARY KEY (slot_id, trainer_id),
    FOREIGN KEY (slot_id, starts_at, ends_at, cancelled) REFERENCES slot (id, starts_at, ends_at, cancelled)
        ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT slot_trainer_no_overlap
        EXCLUDE USING gist (trainer_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (NOT cancelled)
);

-- A funder's agreement for one registration or a group of them (an action collective).
CREATE TABLE funding_agreement (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id bigint NOT NULL REFERENCES session,
    -- F1, F2, … within the session: how coordinators name it.
    reference text NOT NULL CONSTRAINT funding_agreement_reference_format CHECK (reference ~ '^F[0-9]+$'),
    funder_id bigint NOT NULL REFERENCES funder,
    basis text NOT NULL CONSTRAINT funding_agreement_basis_check CHECK (basis IN ('per_hour', 'per_participant', 'per_group')),
    -- The rate per hour, the flat amount per participant, or the whole group's amount.
    amount_cents bigint NOT NULL CONSTRAINT funding_agreement_amount_range CHECK (amount_cents BETWEEN 0 AND 100000000),
    scheme text NOT NULL DEFAULT '' CONSTRAINT funding_agreement_scheme_length CHECK (length(scheme) <= 200),
    agreement_number text CONSTRAINT funding_agreement_number_length CHECK (length(agreement_number) <= 100),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT funding_agreement_reference_key UNIQUE (session_id, reference),
    CONSTRAINT funding_agreement_session_key UNIQUE (session_id, id)
);

CREATE TABLE registration (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id bigint NOT NULL REFERENCES session,
    participant_id bigint NOT NULL REFERENCES participant,
    status text NOT NULL CONSTRAINT registration_status_check CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    -- The waitlist is served in this order (clock_timestamp: distinct within one transaction).
    registered_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    cancelled_at timestamptz,
    funding_agreement_id bigint,
    FOREIGN KEY (session_id, funding_agreement_id) REFERENCES funding_agreement (session_id, id),
    CONSTRAINT registration_cancelled_when CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
    CONSTRAINT registration_session_key UNIQUE (session_id, id)
);
CREATE UNIQUE INDEX registration_once ON registration (session_id, participant_id) WHERE status <> 'cancelled';
CREATE INDEX registration_waitlist_idx ON registration (session_id, registered_at) WHERE status = 'waitlisted';

-- Confirmed registrations never exceed the capacity. The session's row lock serialises two
-- coordinators taking the last seat at once.
CREATE FUNCTION registration_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target session%ROWTYPE;
    taken int;
BEGIN
    SELECT * INTO target FROM session WHERE id = NEW.session_id FOR UPDATE;
    IF TG_OP = 'INSERT' AND target.status NOT IN ('draft', 'scheduled') THEN
        RAISE EXCEPTION 'session % is %', target.code, target.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'registration_session_open';
    END IF;
    IF NEW.status = 'confirmed' AND (TG_OP = 'INSERT' OR OLD.status <> 'confirmed') THEN
        SELECT count(*) INTO taken FROM registration
        WHERE session_id = NEW.session_id AND status = 'confirmed' AND id <> NEW.id;
        IF taken >= target.capacity THEN
            RAISE EXCEPTION 'session % is full (% of %)', target.code, taken, target.capacity
                USING ERRCODE = 'check_violation', CONSTRAINT = 'registration_capacity';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER registration_rules BEFORE INSERT OR UPDATE OF status ON registration
    FOR EACH ROW EXECUTE FUNCTION registration_rules();

-- A session's capacity never drops below its confirmed registrations.
CREATE FUNCTION session_capacity_holds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT count(*) FROM registration WHERE session_id = NEW.id AND status = 'confirmed') > NEW.capacity THEN
        RAISE EXCEPTION 'session % has more confirmed registrations than %', NEW.code, NEW.capacity
            USING ERRCODE = 'check_violation', CONSTRAINT = 'session_capacity_holds';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER session_capacity_holds BEFORE UPDATE OF capacity ON session
    FOR EACH ROW EXECUTE FUNCTION session_capacity_holds();

CREATE TABLE attendance (
    registration_id bigint NOT NULL,
    slot_id bigint NOT NULL,
    session_id bigint NOT NULL,
    status text NOT NULL CONSTRAINT attendance_status_check CHECK (status IN ('present', 'absent', 'excused')),
    recorded_by text NOT NULL CONSTRAINT attendance_recorded_by_length CHECK (length(recorded_by) BETWEEN 1 AND 100),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_id, slot_id),
    FOREIGN KEY (session_id, registration_id) REFERENCES registration (session_id, id),
    FOREIGN KEY (session_id, slot_id) REFERENCES slot (session_id, id) ON DELETE CASCADE
);

-- Attendance is for confirmed registrations and for slots that have started.
CREATE FUNCTION attendance_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT starts_at FROM slot WHERE id = NEW.slot_id) > now() THEN
        RAISE EXCEPTION 'slot % has not started', NEW.slot_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_not_in_future';
    END IF;
    IF (SELECT status FROM registration WHERE id = NEW.registration_id) <> 'confirmed' THEN
        RAISE EXCEPTION 'registration % is not confirmed', NEW.registration_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_registration_confirmed';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER attendance_rules BEFORE INSERT OR UPDATE ON attendance
    FOR EACH ROW EXECUTE FUNCTION attendance_rules();

-- A completed session's attendance is frozen, against every kind of change — except through
-- `attendance correct`, which sets atelier.correction for its transaction and leaves an event.
CREATE FUNCTION attendance_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target bigint := CASE TG_OP WHEN 'DELETE' THEN OLD.session_id ELSE NEW.session_id END;
BEGIN
    IF (SELECT status FROM session WHERE id = target) = 'completed'
       AND coalesce(current_setting('atelier.correction', true), '') <> 'on' THEN
        RAISE EXCEPTION 'session % is completed', target
            USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_frozen';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER attendance_frozen BEFORE INSERT OR UPDATE OR DELETE ON attendance
    FOR EACH ROW EXECUTE FUNCTION attendance_frozen();

-- A session is completed only when every slot of every confirmed registration has attendance.
CREATE FUNCTION session_completion_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'completed' AND OLD.status <> 'completed' AND EXISTS (
        SELECT 1 FROM registration r JOIN slot s ON s.session_id = r.session_id
        WHERE r.session_id = NEW.id AND r.status = 'confirmed'
          AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.registration_id = r.id AND a.slot_id = s.id)
    ) THEN
        RAISE EXCEPTION 'session % has missing attendance', NEW.code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'session_attendance_complete';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER session_completion_rules BEFORE UPDATE OF status ON session
    FOR EACH ROW EXECUTE FUNCTION session_completion_rules();
