-- Whom a participant, an employer or an auditor turns to, named by programmes and convocations
-- (Qualiopi indicators 1, 9 and 26): the référent pédagogique, the référent administratif, and
-- the référent handicap's phone beside their name and email. Each is optional until set.
ALTER TABLE organisation
    ADD COLUMN pedagogical_contact_name text
        CONSTRAINT organisation_pedagogical_contact_name_length CHECK (length(pedagogical_contact_name) BETWEEN 1 AND 100)
        CONSTRAINT organisation_pedagogical_contact_name_text CHECK (is_one_line(pedagogical_contact_name)),
    ADD COLUMN pedagogical_contact_email text
        CONSTRAINT organisation_pedagogical_contact_email_format CHECK (is_canonical_email(pedagogical_contact_email)),
    ADD COLUMN pedagogical_contact_phone text
        CONSTRAINT organisation_pedagogical_contact_phone_length CHECK (length(pedagogical_contact_phone) BETWEEN 1 AND 30)
        CONSTRAINT organisation_pedagogical_contact_phone_text CHECK (is_one_line(pedagogical_contact_phone)),
    ADD COLUMN administrative_contact_name text
        CONSTRAINT organisation_administrative_contact_name_length CHECK (length(administrative_contact_name) BETWEEN 1 AND 100)
        CONSTRAINT organisation_administrative_contact_name_text CHECK (is_one_line(administrative_contact_name)),
    ADD COLUMN administrative_contact_email text
        CONSTRAINT organisation_administrative_contact_email_format CHECK (is_canonical_email(administrative_contact_email)),
    ADD COLUMN administrative_contact_phone text
        CONSTRAINT organisation_administrative_contact_phone_length CHECK (length(administrative_contact_phone) BETWEEN 1 AND 30)
        CONSTRAINT organisation_administrative_contact_phone_text CHECK (is_one_line(administrative_contact_phone)),
    ADD COLUMN disability_referent_phone text
        CONSTRAINT organisation_disability_referent_phone_length CHECK (length(disability_referent_phone) BETWEEN 1 AND 30)
        CONSTRAINT organisation_disability_referent_phone_text CHECK (is_one_line(disability_referent_phone));
