-- What each message said, as it was sent: its subject, its plain text, and each attachment's
-- name, size and SHA-256 — the evidence an auditor or an OPCO asks for (the convocations sent,
-- with the programme attached). The attachments themselves are not kept twice: the programme's
-- version, the certificate and the rules are in the database or the settings, and their digests
-- say which bytes went. Messages sent before this migration have none of it.
ALTER TABLE delivery
    ADD COLUMN subject text CONSTRAINT delivery_subject_text CHECK (is_one_line(subject) AND length(subject) <= 998),
    ADD COLUMN body text CONSTRAINT delivery_body_length CHECK (length(body) <= 200000),
    ADD COLUMN attachments jsonb CONSTRAINT delivery_attachments_shape CHECK (jsonb_typeof(attachments) = 'array'),
    ADD CONSTRAINT delivery_content_whole CHECK (num_nulls(subject, body, attachments) IN (0, 3));
