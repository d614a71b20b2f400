-- 0011 (PostgreSQL twin of ../0011_instances.sql): several instances on one database. A lease names
-- the one instance that does a thing alone
-- (the poller: Telegram answers one getUpdates at a time); an instance row is each instance's identity
-- (one live run per id) and its role, for `samvad health`; a chat claim gives one instance the
-- updates of one chat, in order, until it releases the claim or stops renewing it.
CREATE TABLE leases (
    name         TEXT PRIMARY KEY,      -- 'poller'
    holder       TEXT NOT NULL,         -- an instance id
    acquired_at  TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);

CREATE TABLE instances (
    instance_id  TEXT PRIMARY KEY,
    run_token    TEXT NOT NULL,         -- which run of that id holds it (a second run waits, then refuses)
    role         TEXT NOT NULL CHECK (role IN ('starting', 'poller', 'standby', 'worker')),
    started_at   TEXT NOT NULL,
    seen_at      TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);

CREATE TABLE chat_claims (
    chat_key     BIGINT PRIMARY KEY,   -- the update's chat (its user's id when it has no chat; 0 if neither)
    instance_id  TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX chat_claims_holder ON chat_claims (instance_id);

-- Updates stored before this migration have no known chat: they share lane 0, handled in order.
ALTER TABLE inbox ADD COLUMN chat_key BIGINT NOT NULL DEFAULT 0;
CREATE INDEX inbox_waiting_by_chat ON inbox (chat_key, id) WHERE processed_at IS NULL;
