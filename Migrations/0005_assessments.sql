-- Questionnaires (Qualiopi indicator 30): à chaud at the end of a session, à froid about 90 days
-- later. The questions are Atelier's standard set; a response belongs to a confirmed
-- registration and holds one answer per question, of the question's type.

CREATE TABLE question (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CONSTRAINT question_kind_check CHECK (kind IN ('hot', 'cold')),
    position int NOT NULL,
    type text NOT NULL CONSTRAINT question_type_check CHECK (type IN ('scale', 'yes_no', 'text')),
    label text NOT NULL,
    CONSTRAINT question_position_key UNIQUE (kind, position)
);

INSERT INTO question (kind, position, type, label) VALUES
    ('hot', 1, 'scale', 'Globalement, êtes-vous satisfait·e de la formation ?'),
    ('hot', 2, 'scale', 'Les objectifs annoncés ont-ils été atteints ?'),
    ('hot', 3, 'scale', 'Le contenu correspondait-il à vos besoins ?'),
    ('hot', 4, 'scale', 'Comment jugez-vous l''animation ?'),
    ('hot', 5, 'scale', 'L''organisation (lieu, horaires, accueil) vous a-t-elle convenu ?'),
    ('hot', 6, 'yes_no', 'Recommanderiez-vous cette formation ?'),
    ('hot', 7, 'text', 'Vos remarques et suggestions'),
    ('cold', 1, 'scale', 'Mettez-vous en pratique ce que vous avez appris ?'),
    ('cold', 2, 'scale', 'La formation a-t-elle changé votre manière d''accompagner les associations ?'),
    ('cold', 3, 'yes_no', 'Avez-vous partagé ces acquis avec votre équipe ?'),
    ('cold', 4, 'text', 'Qu''auriez-vous besoin d''approfondir ?');

CREATE TABLE response (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registration_id bigint NOT NULL REFERENCES registration,
    kind text NOT NULL CONSTRAINT response_kind_check CHECK (kind IN ('hot', 'cold')),
    submitted_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT response_once UNIQUE (registration_id, kind)
);

CREATE TABLE answer (
    response_id bigint NOT NULL REFERENCES response ON DELETE CASCADE,
    question_id bigint NOT NULL REFERENCES question,
    scale int CONSTRAINT answer_scale_range CHECK (scale BETWEEN 1 AND 5),
    yes boolean,
    text text CONSTRAINT answer_text_length CHECK (length(text) <= 5000),
    PRIMARY KEY (response_id, question_id),
    CONSTRAINT answer_one_value CHECK (num_nonnulls(scale, yes, text) = 1)
);

-- An answer is of its question's type, to a question of the response's questionnaire.
CREATE FUNCTION answer_matches_question() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    q question%ROWTYPE;
BEGIN
    SELECT * INTO q FROM question WHERE id = NEW.question_id;
    IF q.kind <> (SELECT kind FROM response WHERE id = NEW.response_id)
       OR (q.type = 'scale' AND NEW.scale IS NULL)
       OR (q.type = 'yes_no' AND NEW.yes IS NULL)
       OR (q.type = 'text' AND NEW.text IS NULL) THEN
        RAISE EXCEPTION 'answer does not fit question %', q.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'answer_matches_question';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER answer_matches_question BEFORE INSERT OR UPDATE ON answer
    FOR EACH ROW EXECUTE FUNCTION answer_matches_question();
