-- A questionnaire is answered by a participant (their registration), by a trainer of the session
-- (on their page), or by a structure participants came from (its contact, by a personal link):
-- every response names its session and exactly one respondent of the kind its questionnaire
-- says, once per questionnaire.

ALTER TABLE employer
    ADD COLUMN contact_name text
        CONSTRAINT employer_contact_name_text CHECK (is_printed_line(contact_name) AND length(contact_name) BETWEEN 1 AND 200),
    ADD COLUMN contact_email text CONSTRAINT employer_contact_email_format CHECK (is_canonical_email(contact_email));

ALTER TABLE response ADD COLUMN session_id bigint REFERENCES session,
    ADD COLUMN trainer_id bigint REFERENCES trainer,
    ADD COLUMN employer_id bigint REFERENCES employer;
UPDATE response rs SET session_id = r.session_id FROM registration r WHERE r.id = rs.registration_id;
ALTER TABLE response ALTER COLUMN session_id SET NOT NULL,
    ALTER COLUMN registration_id DROP NOT NULL,
    ADD CONSTRAINT response_one_respondent CHECK (num_nonnulls(registration_id, trainer_id, employer_id) = 1),
    DROP CONSTRAINT response_once;
CREATE UNIQUE INDEX response_once ON response (questionnaire, registration_id) WHERE registration_id IS NOT NULL;
CREATE UNIQUE INDEX response_once_by_trainer ON response (questionnaire, session_id, trainer_id)
    WHERE trainer_id IS NOT NULL;
CREATE UNIQUE INDEX response_once_by_structure ON response (questionnaire, session_id, employer_id)
    WHERE employer_id IS NOT NULL;
CREATE INDEX response_session_idx ON response (session_id, questionnaire);

-- The respondent is of the kind the questionnaire is for, and a registration's response is of
-- the registration's session.
CREATE FUNCTION response_matches_questionnaire() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    answering text := CASE WHEN NEW.registration_id IS NOT NULL THEN 'participant'
                           WHEN NEW.trainer_id IS NOT NULL THEN 'trainer' ELSE 'employer' END;
BEGIN
    IF (SELECT respondent FROM questionnaire WHERE code = NEW.questionnaire) <> answering
       OR (NEW.registration_id IS NOT NULL
           AND NEW.session_id <> (SELECT session_id FROM registration WHERE id = NEW.registration_id)) THEN
        RAISE EXCEPTION 'response % does not fit questionnaire %', NEW.id, NEW.questionnaire
            USING ERRCODE = 'check_violation', CONSTRAINT = 'response_matches_questionnaire';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER response_matches_questionnaire BEFORE INSERT OR UPDATE ON response
    FOR EACH ROW EXECUTE FUNCTION response_matches_questionnaire();

-- A structure's link names the session it asks about; a participant's, their registration.
ALTER TABLE questionnaire_link ALTER COLUMN registration_id DROP NOT NULL,
    ADD COLUMN session_id bigint REFERENCES session,
    ADD COLUMN employer_id bigint REFERENCES employer,
    ADD CONSTRAINT questionnaire_link_one_respondent CHECK (
        (registration_id IS NOT NULL AND employer_id IS NULL AND session_id IS NULL)
        OR (registration_id IS NULL AND employer_id IS NOT NULL AND session_id IS NOT NULL));

-- An « each objective » answer counts the objectives of the response's session.
CREATE OR REPLACE FUNCTION answer_matches_question() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    q question%ROWTYPE;
    objectives int;
BEGIN
    SELECT * INTO q FROM question WHERE id = NEW.question_id;
    SELECT cardinality(mp.objectives) INTO objectives
    FROM response rs JOIN session s ON s.id = rs.session_id JOIN module_programme mp ON mp.id = s.programme_id
    WHERE rs.id = NEW.response_id;
    IF q.questionnaire <> (SELECT questionnaire FROM response WHERE id = NEW.response_id)
       OR q.retired_at IS NOT NULL
       OR (q.type <> 'adaptation' AND num_nonnulls(NEW.scale, NEW.yes, NEW.text) <> 1)
       OR (q.type = 'each_objective') <> (NEW.objective > 0)
       OR (q.type = 'each_objective' AND NEW.objective > coalesce(objectives, 0))
       OR (q.type IN ('scale', 'each_objective') AND NOT coalesce(NEW.scale BETWEEN 1 AND 5, false))
       OR (q.type = 'score' AND NEW.scale IS NULL)
       OR (q.type = 'yes_no' AND NEW.yes IS NULL)
       OR (q.type = 'one_choice' AND NOT coalesce(NEW.text = ANY (q.options), false))
       OR (q.type = 'text' AND NEW.text IS NULL)
       OR (q.type = 'adaptation' AND NEW.yes IS NULL) THEN
        RAISE EXCEPTION 'answer does not fit question %', q.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'answer_matches_question';
    END IF;
    RETURN NEW;
END $$;
