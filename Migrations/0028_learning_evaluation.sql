-- What each participant has learnt of each objective of their session's programme, as a trainer
-- of the session evaluated it at the end (Qualiopi indicator 11, major: satisfaction is no
-- evidence that objectives were reached): acquis, en cours d'acquisition, non acquis. The
-- objective is kept in the words it was evaluated in; a new evaluation replaces the last one.
CREATE TABLE objective_evaluation (
    registration_id bigint NOT NULL REFERENCES registration,
    -- The objective's place in the list of the session's programme, from 1.
    position int NOT NULL CONSTRAINT objective_evaluation_position_positive CHECK (position >= 1),
    objective text NOT NULL,
    level text NOT NULL
        CONSTRAINT objective_evaluation_level_check CHECK (level IN ('acquis', 'en_cours', 'non_acquis')),
    trainer_id bigint NOT NULL REFERENCES trainer,
    evaluated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_id, position)
);
