-- A 1–5 scale says what its ends mean, in the words of its question: the questionnaire page shows
-- them beside 1 and 5, so that a participant never guesses which end is good. The questions take
-- the typographic apostrophe that pages print.
UPDATE question SET label = replace(label, '''', '’') WHERE position(chr(39) IN label) > 0;
ALTER TABLE question ADD COLUMN scale_low text, ADD COLUMN scale_high text;

UPDATE question SET scale_low = w.low, scale_high = w.high
FROM (VALUES
    ('hot', 1, 'Pas du tout satisfait·e', 'Très satisfait·e'),
    ('hot', 2, 'Pas du tout', 'Complètement'),
    ('hot', 3, 'Pas du tout', 'Tout à fait'),
    ('hot', 4, 'Très insuffisante', 'Excellente'),
    ('hot', 5, 'Pas du tout', 'Tout à fait'),
    ('cold', 1, 'Jamais', 'Très souvent'),
    ('cold', 2, 'Pas du tout', 'Beaucoup')
) AS w(kind, position, low, high)
WHERE question.kind = w.kind AND question.position = w.position;

ALTER TABLE question ADD CONSTRAINT question_scale_words CHECK (
    (type = 'scale') = (scale_low IS NOT NULL AND scale_high IS NOT NULL)
    AND (scale_low IS NULL OR (is_printed_line(scale_low) AND length(scale_low) BETWEEN 1 AND 60))
    AND (scale_high IS NULL OR (is_printed_line(scale_high) AND length(scale_high) BETWEEN 1 AND 60)));
