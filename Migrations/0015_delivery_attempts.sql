-- A message refused for good is tried again when a coordinator retries its job (the address was
-- corrected, the mailbox created): the refusal stays on record, and only an accepted delivery is
-- unique per content and recipient — what a server accepted is never sent twice.
ALTER TABLE delivery DROP CONSTRAINT delivery_message_id_key;
CREATE UNIQUE INDEX delivery_message_id_key ON delivery (message_id) WHERE state = 'accepted';
CREATE INDEX delivery_job_idx ON delivery (job_id);
