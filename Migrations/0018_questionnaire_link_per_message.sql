-- Each message carries a link of its own — the invitation, then each relance — and every one
-- opens the same questionnaire until it expires: a registration has several links per moment.
ALTER TABLE questionnaire_link DROP CONSTRAINT questionnaire_link_pkey,
    ADD CONSTRAINT questionnaire_link_pkey PRIMARY KEY (token_sha256),
    DROP CONSTRAINT questionnaire_link_token_key;
CREATE INDEX questionnaire_link_registration_idx ON questionnaire_link (registration_id, kind);
