-- 0011: several instances share one database and the work in it, each piece done once.
-- A chat's owed calls are delivered by one instance at a time: it holds the chat's claim until it has
-- nothing due there, renewing it while it works; a claim not renewed by `until` (its holder died) is
-- taken over, and the call it left in flight is looked for before it is sent again.
CREATE TABLE outbox_chat_claims (
    chat_id  INTEGER PRIMARY KEY,
    holder   TEXT NOT NULL,   -- the instance delivering this chat's calls
    until    TEXT NOT NULL    -- the claim lapses then unless renewed
);

-- A due task is claimed before it runs and settled after; a claim whose holder died lapses and the
-- task runs elsewhere (its handler's effects are keyed, so a second run owes nothing twice).
ALTER TABLE tasks ADD COLUMN claimed_by TEXT;
ALTER TABLE tasks ADD COLUMN claimed_until TEXT;

-- Periodic work that must run on one instance at a time (signing checkpoints): whose turn it is.
CREATE TABLE job_turns (
    name    TEXT PRIMARY KEY,
    holder  TEXT NOT NULL,
    until   TEXT NOT NULL
);

-- Telegram's sending limits are the bot's: one leaky bucket per scope ('overall', 'group:<chat id>'),
-- kept as its theoretical arrival time (GCRA, seconds since the epoch) so a send reserves its slot
-- in one statement.
CREATE TABLE rate_limits (
    scope  TEXT PRIMARY KEY,
    tat    REAL NOT NULL
);
