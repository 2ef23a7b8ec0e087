-- Names, titles and the other one-line fields a person fills in are printed on certificats de
-- réalisation and feuilles d'émargement, whose fonts draw letters: an emoji there would print as
-- an empty box. They are refused at input (Training/Values/Emoji.swift is the same rule in Swift;
-- CanonicalTextTests checks that both agree on every code point). Paragraphs (notes, answers)
-- keep them, and so do the delivery records, which hold addresses as they were sent to.

-- Characters Unicode draws as pictures by default (Emoji_Presentation), U+FE0F, U+20E3 and tags.
CREATE FUNCTION has_emoji(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN t ~
    '[\u20E3\u231A-\u231B\u23E9-\u23EC\u23F0\u23F3\u25FD-\u25FE\u2614-\u2615\u2648-\u2653'
    '\u267F\u2693\u26A1\u26AA-\u26AB\u26BD-\u26BE\u26C4-\u26C5\u26CE\u26D4\u26EA'
    '\u26F2-\u26F3\u26F5\u26FA\u26FD\u2705\u270A-\u270B\u2728\u274C\u274E\u2753-\u2755'
    '\u2757\u2795-\u2797\u27B0\u27BF\u2B1B-\u2B1C\u2B50\u2B55\uFE0F\U0001F004\U0001F0CF'
    '\U0001F18E\U0001F191-\U0001F19A\U0001F1E6-\U0001F1FF\U0001F201\U0001F21A\U0001F22F'
    '\U0001F232-\U0001F236\U0001F238-\U0001F23A\U0001F250-\U0001F251\U0001F300-\U0001F320'
    '\U0001F32D-\U0001F335\U0001F337-\U0001F37C\U0001F37E-\U0001F393\U0001F3A0-\U0001F3CA'
    '\U0001F3CF-\U0001F3D3\U0001F3E0-\U0001F3F0\U0001F3F4\U0001F3F8-\U0001F43E\U0001F440'
    '\U0001F442-\U0001F4FC\U0001F4FF-\U0001F53D\U0001F54B-\U0001F54E\U0001F550-\U0001F567'
    '\U0001F57A\U0001F595-\U0001F596\U0001F5A4\U0001F5FB-\U0001F64F\U0001F680-\U0001F6C5'
    '\U0001F6CC\U0001F6D0-\U0001F6D2\U0001F6D5-\U0001F6D8\U0001F6DC-\U0001F6DF'
    '\U0001F6EB-\U0001F6EC\U0001F6F4-\U0001F6FC\U0001F7E0-\U0001F7EB\U0001F7F0'
    '\U0001F90C-\U0001F93A\U0001F93C-\U0001F945\U0001F947-\U0001F9FF\U0001FA70-\U0001FA7C'
    '\U0001FA80-\U0001FA8A\U0001FA8E-\U0001FAC6\U0001FAC8\U0001FACD-\U0001FADC'
    '\U0001FADF-\U0001FAEA\U0001FAEF-\U0001FAF8\U000E0020-\U000E007F]';

CREATE FUNCTION is_printed_line(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN is_one_line(t) AND NOT has_emoji(t);

-- The one-line fields of migration 0006, checked again: a row stored with an emoji stops the
-- migration on its constraint, to be edited before it runs again.
DO $$
DECLARE
    field record;
BEGIN
    FOR field IN SELECT * FROM (VALUES
        ('module', 'title'), ('trainer', 'name'), ('trainer', 'phone'),
        ('venue', 'name'), ('venue', 'street'), ('venue', 'city'), ('funder', 'name'),
        ('employer', 'name'), ('employer', 'city'),
        ('participant', 'first_name'), ('participant', 'last_name'), ('participant', 'phone'),
        ('organisation', 'name'), ('organisation', 'street'), ('organisation', 'city'),
        ('organisation', 'phone'), ('organisation', 'website'), ('organisation', 'signatory_name'),
        ('organisation', 'signatory_role'), ('organisation', 'disability_referent_name'),
        ('session_part', 'title'), ('funding_agreement', 'scheme'), ('funding_agreement', 'agreement_number'),
        ('attendance', 'recorded_by')
    ) AS f(tab, col) LOOP
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I, ADD CONSTRAINT %I CHECK (is_printed_line(%I))',
                       field.tab, field.tab || '_' || field.col || '_text', field.tab || '_' || field.col || '_text',
                       field.col);
    END LOOP;
END $$;
