-- Where every domain event is also POSTed, as a `webhook` job per endpoint (none by default).
-- Kept in the database so that every CLI and worker, wherever it runs, agrees on the list.
CREATE TABLE webhook_endpoint (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url text NOT NULL CONSTRAINT webhook_endpoint_url_key UNIQUE
        CONSTRAINT webhook_endpoint_url_format CHECK (url ~ '^https?://[^[:space:]]+$' AND length(url) <= 500),
    created_at timestamptz NOT NULL DEFAULT now()
);
