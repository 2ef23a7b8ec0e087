-- Questionnaires become data: each one a file in `Questionnaires/` (title, who answers it, with
-- which message it is sent, its questions), checked and copied here when a process starts. A
-- question is never rewritten: one that changes in its file is retired and a new one takes its
-- place, so that every answer keeps the words it answered.

CREATE TABLE questionnaire (
    code text PRIMARY KEY CONSTRAINT questionnaire_code_format CHECK (code ~ '^[a-z][a-z0-9-]{0,39}$'),
    title text NOT NULL
        CONSTRAINT questionnaire_title_text CHECK (is_printed_line(title) AND length(title) BETWEEN 1 AND 120),
    respondent text NOT NULL
        CONSTRAINT questionnaire_respondent_check CHECK (respondent IN ('participant', 'trainer', 'employer')),
    -- The message that carries its link: the convocation, the last half-day's invitation, the
    -- one at completion, the one three months after.
    sent text NOT NULL CONSTRAINT questionnaire_sent_check
        CHECK (sent IN ('convocation', 'last-half-day', 'completion', 'three-months-after')),
    -- Set when its file is gone: it is sent no more, its answers stay.
    retired_at timestamptz
);
CREATE UNIQUE INDEX questionnaire_moment_key ON questionnaire (respondent, sent) WHERE retired_at IS NULL;

INSERT INTO questionnaire (code, title, respondent, sent) VALUES
    ('hot', 'Votre avis à chaud', 'participant', 'completion'),
    ('cold', 'Votre avis à froid', 'participant', 'three-months-after');

ALTER TABLE question RENAME COLUMN kind TO questionnaire;
ALTER TABLE question DROP CONSTRAINT question_kind_check,
    ADD CONSTRAINT question_questionnaire_fkey FOREIGN KEY (questionnaire) REFERENCES questionnaire,
    DROP CONSTRAINT question_type_check,
    ADD CONSTRAINT question_type_check
        CHECK (type IN ('scale', 'score', 'yes_no', 'one_choice', 'text', 'each_objective', 'adaptation')),
    ADD CONSTRAINT question_label_text CHECK (is_printed_line(label) AND length(label) BETWEEN 1 AND 300),
    ADD COLUMN options text[]
        CONSTRAINT question_options_check CHECK ((type = 'one_choice') = (options IS NOT NULL)
            AND (options IS NULL OR (cardinality(options) BETWEEN 2 AND 12 AND array_position(options, NULL) IS NULL
                 AND is_printed_line(array_to_string(options, ' ')) AND length(array_to_string(options, '')) <= 1200))),
    ADD COLUMN retired_at timestamptz,
    DROP CONSTRAINT question_position_key,
    DROP CONSTRAINT question_scale_words,
    ADD CONSTRAINT question_scale_words CHECK (
        (type IN ('scale', 'score', 'each_objective')) = (scale_low IS NOT NULL AND scale_high IS NOT NULL)
        AND (scale_low IS NULL OR (is_printed_line(scale_low) AND length(scale_low) BETWEEN 1 AND 60))
        AND (scale_high IS NULL OR (is_printed_line(scale_high) AND length(scale_high) BETWEEN 1 AND 60)));
CREATE UNIQUE INDEX question_position_key ON question (questionnaire, position) WHERE retired_at IS NULL;

ALTER TABLE response RENAME COLUMN kind TO questionnaire;
ALTER TABLE response DROP CONSTRAINT response_kind_check,
    ADD CONSTRAINT response_questionnaire_fkey FOREIGN KEY (questionnaire) REFERENCES questionnaire;

ALTER TABLE questionnaire_link RENAME COLUMN kind TO questionnaire;
ALTER TABLE questionnaire_link DROP CONSTRAINT questionnaire_link_kind_check,
    ADD CONSTRAINT questionnaire_link_questionnaire_fkey FOREIGN KEY (questionnaire) REFERENCES questionnaire;

-- An « each objective » question has one answer per objective of the session's programme, by its
-- place in the list from 1; any other question has one answer, at 0. A score runs from 0 to 10,
-- a scale from 1 to 5. An adaptation is a oui or non, with what is needed beside a oui only:
-- stored as little as possible.
ALTER TABLE answer ADD COLUMN objective int NOT NULL DEFAULT 0
        CONSTRAINT answer_objective_range CHECK (objective >= 0),
    DROP CONSTRAINT answer_pkey,
    ADD PRIMARY KEY (response_id, question_id, objective),
    DROP CONSTRAINT answer_scale_range,
    ADD CONSTRAINT answer_scale_range CHECK (scale BETWEEN 0 AND 10),
    DROP CONSTRAINT answer_one_value,
    ADD CONSTRAINT answer_one_value CHECK (num_nonnulls(scale, yes, text) = 1 OR (yes AND text IS NOT NULL));

CREATE OR REPLACE FUNCTION answer_matches_question() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    q question%ROWTYPE;
    objectives int;
BEGIN
    SELECT * INTO q FROM question WHERE id = NEW.question_id;
    SELECT cardinality(mp.objectives) INTO objectives
    FROM response rs JOIN registration r ON r.id = rs.registration_id JOIN session s ON s.id = r.session_id
    JOIN module_programme mp ON mp.id = s.programme_id
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
