-- What left Atelier: one row per message or webhook call, written in the job's transaction.
-- A job retried after a crash looks here first, so that what a server accepted is not sent again.
CREATE TABLE delivery (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id bigint NOT NULL,
    kind text NOT NULL CONSTRAINT delivery_kind_format CHECK (kind ~ '^[a-z][a-z0-9-]{0,62}$'),
    channel text NOT NULL CONSTRAINT delivery_channel_check CHECK (channel IN ('mail', 'webhook')),
    -- The participant's registration, for a message about one (none for a webhook).
    registration_id bigint REFERENCES registration (id) ON DELETE SET NULL,
    -- An email address or a webhook URL.
    recipient text NOT NULL CONSTRAINT delivery_recipient_text CHECK (is_one_line(recipient) AND length(recipient) <= 500),
    -- The Message-ID of a message, `event-<id>@endpoint-<id>` for a webhook call: one per content
    -- and recipient, whatever the attempt.
    message_id text NOT NULL CONSTRAINT delivery_message_id_key UNIQUE
        CONSTRAINT delivery_message_id_text CHECK (is_one_line(message_id) AND length(message_id) <= 300),
    state text NOT NULL CONSTRAINT delivery_state_check CHECK (state IN ('accepted', 'refused')),
    -- The server's answer: `250 2.0.0 Ok: queued as …`, `550 5.1.1 No such user`, `HTTP 410`.
    reply text NOT NULL CONSTRAINT delivery_reply_text CHECK (is_clean_text(reply) AND length(reply) <= 2000),
    sent_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_registration_idx ON delivery (registration_id) WHERE registration_id IS NOT NULL;

-- The personal links of the à-chaud and à-froid questionnaires: a random 128-bit token goes in
-- the email, only its SHA-256 is kept.
CREATE TABLE questionnaire_link (
    registration_id bigint NOT NULL REFERENCES registration (id) ON DELETE CASCADE,
    kind text NOT NULL CONSTRAINT questionnaire_link_kind_check CHECK (kind IN ('hot', 'cold')),
    token_sha256 bytea NOT NULL CONSTRAINT questionnaire_link_token_key UNIQUE
        CONSTRAINT questionnaire_link_token_length CHECK (length(token_sha256) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_id, kind)
);

-- What participants bring to a session of the module, said in the convocation.
ALTER TABLE module ADD COLUMN what_to_bring text NOT NULL DEFAULT ''
    CONSTRAINT module_what_to_bring_text CHECK (is_clean_text(what_to_bring) AND length(what_to_bring) <= 2000);

-- Each endpoint signs with its own secret, shown once when the endpoint is added.
ALTER TABLE webhook_endpoint ADD COLUMN secret text;
UPDATE webhook_endpoint SET secret = 'whsec_' || replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
ALTER TABLE webhook_endpoint ALTER COLUMN secret SET NOT NULL,
    ADD CONSTRAINT webhook_endpoint_secret_format CHECK (secret ~ '^whsec_[0-9a-f]{32,128}$');
