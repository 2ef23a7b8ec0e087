-- The job queue (Sources/Queue). A job is inserted in the transaction of the change that implies
-- it, claimed with FOR UPDATE SKIP LOCKED under a lease its worker renews, and finished with a
-- guarded update. Only the live states are indexed for claiming; the finished ones only for
-- pruning. The table churns: autovacuum visits it often, and updates leave room on the page.

CREATE TABLE job (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CONSTRAINT job_kind_format CHECK (kind ~ '^[a-z][a-z0-9-]{0,62}$'),
    queue text NOT NULL DEFAULT 'default' CONSTRAINT job_queue_format CHECK (queue ~ '^[a-z][a-z0-9_]{0,30}$'),
    args jsonb NOT NULL DEFAULT '{}',
    -- 0 first.
    priority smallint NOT NULL DEFAULT 5 CONSTRAINT job_priority_range CHECK (priority BETWEEN 0 AND 9),
    state text NOT NULL DEFAULT 'available' CONSTRAINT job_state_check
        CHECK (state IN ('scheduled', 'available', 'running', 'retryable', 'completed', 'discarded', 'cancelled')),
    attempt int NOT NULL DEFAULT 0 CONSTRAINT job_attempt_range CHECK (attempt BETWEEN 0 AND max_attempts),
    max_attempts int NOT NULL DEFAULT 20 CONSTRAINT job_max_attempts_range CHECK (max_attempts BETWEEN 1 AND 100),
    run_at timestamptz NOT NULL DEFAULT now(),
    -- Holds while the job is live: one J-1 reminder per registration, ever queued once.
    unique_key text CONSTRAINT job_unique_key_length CHECK (length(unique_key) BETWEEN 1 AND 200),
    worker text,
    lease_expires_at timestamptz,
    -- [{"attempt": 1, "at": "…", "message": "…"}, …]: every error, kept after the last attempt.
    errors jsonb NOT NULL DEFAULT '[]',
    created_at timestamptz NOT NULL DEFAULT now(),
    attempted_at timestamptz,
    finished_at timestamptz,
    CONSTRAINT job_running_leased CHECK ((state = 'running') = (worker IS NOT NULL AND lease_expires_at IS NOT NULL)),
    CONSTRAINT job_finished_when CHECK ((state IN ('completed', 'discarded', 'cancelled')) = (finished_at IS NOT NULL))
) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02,
        autovacuum_vacuum_cost_delay = 0);

-- What a worker claims: due jobs of a queue, by priority then run-at.
CREATE INDEX job_due_idx ON job (queue, priority, run_at, id) WHERE state IN ('scheduled', 'available', 'retryable');
-- What the rescuer looks at: leases that may have expired.
CREATE INDEX job_lease_idx ON job (lease_expires_at) WHERE state = 'running';
-- One live job per unique key; a finished one frees the key.
CREATE UNIQUE INDEX job_unique_key ON job (unique_key) WHERE state IN ('scheduled', 'available', 'running', 'retryable');
-- What pruning deletes, oldest first, state by state.
CREATE INDEX job_finished_idx ON job (state, finished_at) WHERE state IN ('completed', 'discarded', 'cancelled');

-- The periods of periodic jobs already inserted: whichever worker records a period first
-- inserts its job; the others find it taken. Old periods are pruned with the jobs.
CREATE TABLE periodic_run (
    name text NOT NULL CONSTRAINT periodic_run_name_format CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    period text NOT NULL CONSTRAINT periodic_run_period_format CHECK (period ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$'),
    inserted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, period)
);
