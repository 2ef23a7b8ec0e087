-- Certificats de réalisation, one row per version as issued and sent. A correction of the
-- attendance of a completed session issues a new version; earlier ones stay on record (kept at
-- least three years after the last payment: nothing deletes them, and a registration that has
-- one cannot be deleted).
CREATE TABLE certificate (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registration_id bigint NOT NULL REFERENCES registration (id),
    version int NOT NULL CONSTRAINT certificate_version_positive CHECK (version >= 1),
    -- The duration actually completed that the certificate states: present slots only.
    attended_minutes int NOT NULL CONSTRAINT certificate_attended_positive CHECK (attended_minutes > 0),
    pdf bytea NOT NULL CONSTRAINT certificate_pdf_is_pdf CHECK (substring(pdf FROM 1 FOR 5) = '\x255044462d'::bytea),
    -- The file's SHA-256, computed here so that it always matches the bytes.
    sha256 bytea NOT NULL CONSTRAINT certificate_checksum CHECK (sha256 = sha256(pdf)),
    issued_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT certificate_version_key UNIQUE (registration_id, version)
);

COMMENT ON TABLE certificate IS 'Certificats de réalisation as issued, every version kept.';

-- A funding report uploaded by HTTPS PUT is a delivery too.
ALTER TABLE delivery DROP CONSTRAINT delivery_channel_check,
    ADD CONSTRAINT delivery_channel_check CHECK (channel IN ('mail', 'webhook', 'upload'));

-- Claims and exports sum a session's attendance in one pass: found by session.
CREATE INDEX attendance_session_idx ON attendance (session_id);
