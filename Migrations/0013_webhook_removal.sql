-- A removed endpoint keeps its row: the jobs already queued for it still find its URL and secret
-- and run, while no new event is queued for it. Its URL may be added again afterwards.
ALTER TABLE webhook_endpoint ADD COLUMN removed_at timestamptz;
ALTER TABLE webhook_endpoint DROP CONSTRAINT webhook_endpoint_url_key;
CREATE UNIQUE INDEX webhook_endpoint_url_key ON webhook_endpoint (url) WHERE removed_at IS NULL;
