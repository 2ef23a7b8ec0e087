-- Complaints, incidents and difficulties, what was answered, and the improvements they lead to
-- (Qualiopi indicators 31 and 32, the second major): kept as they were said, answered once,
-- never removed, so that an auditor reads the organisation's year as it happened.

CREATE TABLE incident (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id bigint REFERENCES session,
    kind text NOT NULL CONSTRAINT incident_kind_check CHECK (kind IN ('reclamation', 'incident', 'difficulte')),
    -- Who said it: a participant, a trainer, a funder, or someone Atelier does not know.
    source text NOT NULL CONSTRAINT incident_source_check CHECK (source IN ('participant', 'trainer', 'funder', 'other')),
    participant_id bigint REFERENCES participant,
    trainer_id bigint REFERENCES trainer,
    funder_id bigint REFERENCES funder,
    text text NOT NULL
        CONSTRAINT incident_text_length CHECK (length(btrim(text)) BETWEEN 1 AND 5000)
        CONSTRAINT incident_text_text CHECK (is_clean_text(text)),
    reported_at timestamptz NOT NULL DEFAULT now(),
    answer text
        CONSTRAINT incident_answer_length CHECK (length(btrim(answer)) BETWEEN 1 AND 5000)
        CONSTRAINT incident_answer_text CHECK (is_clean_text(answer)),
    answered_at timestamptz,
    CONSTRAINT incident_source_shape CHECK (
        (source = 'participant') = (participant_id IS NOT NULL)
        AND (source = 'trainer') = (trainer_id IS NOT NULL)
        AND (source = 'funder') = (funder_id IS NOT NULL)),
    CONSTRAINT incident_answered_when CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX incident_session_idx ON incident (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX incident_open_idx ON incident (id) WHERE answer IS NULL;

CREATE TABLE improvement (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    text text NOT NULL
        CONSTRAINT improvement_text_length CHECK (length(btrim(text)) BETWEEN 1 AND 5000)
        CONSTRAINT improvement_text_text CHECK (is_clean_text(text)),
    -- What it comes from: an incident, a session's review, or neither.
    incident_id bigint REFERENCES incident,
    session_id bigint REFERENCES session,
    due_on date,
    created_at timestamptz NOT NULL DEFAULT now(),
    outcome text
        CONSTRAINT improvement_outcome_length CHECK (length(btrim(outcome)) BETWEEN 1 AND 5000)
        CONSTRAINT improvement_outcome_text CHECK (is_clean_text(outcome)),
    done_at timestamptz,
    CONSTRAINT improvement_one_origin CHECK (incident_id IS NULL OR session_id IS NULL),
    CONSTRAINT improvement_done_when CHECK ((outcome IS NULL) = (done_at IS NULL))
);
CREATE INDEX improvement_incident_idx ON improvement (incident_id) WHERE incident_id IS NOT NULL;
CREATE INDEX improvement_session_idx ON improvement (session_id) WHERE session_id IS NOT NULL;

-- What was said stays as it was said; an answer and an outcome are given once.
CREATE TRIGGER incident_as_reported BEFORE UPDATE OF session_id, kind, source, participant_id, trainer_id, funder_id,
        text, reported_at ON incident
    FOR EACH ROW EXECUTE FUNCTION refuse_change('incident_as_reported', 'an incident stays as it was reported');
CREATE TRIGGER incident_answered_once BEFORE UPDATE OF answer, answered_at ON incident
    FOR EACH ROW WHEN (OLD.answer IS NOT NULL)
    EXECUTE FUNCTION refuse_change('incident_answered_once', 'an incident is answered once');
CREATE TRIGGER incident_kept BEFORE DELETE ON incident
    FOR EACH ROW EXECUTE FUNCTION refuse_change('incident_kept', 'an incident is never removed');
CREATE TRIGGER improvement_as_decided BEFORE UPDATE OF text, incident_id, session_id, due_on, created_at ON improvement
    FOR EACH ROW EXECUTE FUNCTION refuse_change('improvement_as_decided', 'an improvement stays as it was decided');
CREATE TRIGGER improvement_done_once BEFORE UPDATE OF outcome, done_at ON improvement
    FOR EACH ROW WHEN (OLD.outcome IS NOT NULL)
    EXECUTE FUNCTION refuse_change('improvement_done_once', 'an improvement is done once');
CREATE TRIGGER improvement_kept BEFORE DELETE ON improvement
    FOR EACH ROW EXECUTE FUNCTION refuse_change('improvement_kept', 'an improvement is never removed');
