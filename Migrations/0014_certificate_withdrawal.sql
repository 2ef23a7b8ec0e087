-- A correction that leaves a participant no attended minute withdraws their certificate: a new
-- version that says so, with no PDF, kept with the earlier ones and never exported. A correction
-- back issues the next version.
ALTER TABLE certificate
    ADD COLUMN withdrawn boolean NOT NULL DEFAULT false,
    ALTER COLUMN pdf DROP NOT NULL,
    ALTER COLUMN sha256 DROP NOT NULL,
    DROP CONSTRAINT certificate_attended_positive,
    ADD CONSTRAINT certificate_withdrawal_shape CHECK (
        CASE WHEN withdrawn THEN attended_minutes = 0 AND pdf IS NULL AND sha256 IS NULL
             ELSE attended_minutes > 0 AND pdf IS NOT NULL AND sha256 IS NOT NULL END);
