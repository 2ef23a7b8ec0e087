-- The workers that run (Sources/Queue/JobQueue+Workers.swift): each registers itself and the
-- queues it claims, and its heartbeat keeps the row fresh. A row whose lease has passed is a
-- worker that died; `atelier jobs stats` says when jobs wait in a queue no live worker claims.

CREATE TABLE worker (
    -- `host:pid:random`, as `job.worker` names it.
    id text PRIMARY KEY CONSTRAINT worker_id_length CHECK (length(id) BETWEEN 1 AND 200),
    host text NOT NULL CONSTRAINT worker_host_length CHECK (length(host) BETWEEN 1 AND 255),
    pid integer NOT NULL CONSTRAINT worker_pid_positive CHECK (pid >= 1),
    lanes integer NOT NULL CONSTRAINT worker_lanes_positive CHECK (lanes >= 1),
    queues text[] NOT NULL CONSTRAINT worker_queues_format
        CHECK (cardinality(queues) >= 1 AND array_to_string(queues, ',') ~ '^[a-z][a-z0-9_]{0,30}(,[a-z][a-z0-9_]{0,30})*$'),
    started_at timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    -- The last heartbeat plus the worker's lease: alive until then.
    expires_at timestamptz NOT NULL
);

CREATE INDEX worker_expires_idx ON worker (expires_at);
