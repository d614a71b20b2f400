-- 0011 (PostgreSQL twin of ../0011_shared_work.sql): several instances share one database and the
-- work in it, each piece done once: per-chat delivery claims, task claims, turns of periodic jobs and
-- the shared sending limits (see the SQLite file for what each holds).
CREATE TABLE outbox_chat_claims (
    chat_id  BIGINT PRIMARY KEY,
    holder   TEXT NOT NULL,
    until    TEXT NOT NULL
);

ALTER TABLE tasks ADD COLUMN claimed_by TEXT;
ALTER TABLE tasks ADD COLUMN claimed_until TEXT;

CREATE TABLE job_turns (
    name    TEXT PRIMARY KEY,
    holder  TEXT NOT NULL,
    until   TEXT NOT NULL
);

CREATE TABLE rate_limits (
    scope  TEXT PRIMARY KEY,
    tat    DOUBLE PRECISION NOT NULL
);
