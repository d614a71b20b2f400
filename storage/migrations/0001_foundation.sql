-- 0001: chats, users, the message log, the update inbox, the outbox of Bot API calls,
-- scheduled tasks, and the hash-chained journal that is the official record.

CREATE TABLE chats (
    chat_id        INTEGER PRIMARY KEY,
    type           TEXT NOT NULL,            -- private, group, supergroup, channel
    title          TEXT,
    username       TEXT,
    bot_status     TEXT,                     -- the bot's own ChatMember status there
    bot_rights     TEXT,                     -- JSON of the bot's admin rights, when admin
    first_seen_at  TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE users (
    user_id        INTEGER PRIMARY KEY,
    is_bot         INTEGER NOT NULL DEFAULT 0,
    first_name     TEXT NOT NULL,
    last_name      TEXT,
    username       TEXT,
    language_code  TEXT,
    first_seen_at  TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

-- The hash-chained record. Each entry's hash covers the previous entry's hash and
-- its own header, which includes the hash of its body; the body itself lives in
-- journal_bodies so that a lawful erasure of a body leaves the chain verifiable.
CREATE TABLE journal (
    seq          INTEGER PRIMARY KEY,
    recorded_at  TEXT NOT NULL,
    chat_id      INTEGER,
    actor_id     INTEGER,
    kind         TEXT NOT NULL,
    body_hash    TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    entry_hash   TEXT NOT NULL
);
CREATE INDEX journal_by_chat ON journal (chat_id, seq);
CREATE INDEX journal_by_kind ON journal (kind, seq);

CREATE TABLE journal_bodies (
    seq   INTEGER PRIMARY KEY REFERENCES journal (seq),
    body  TEXT NOT NULL
);

CREATE TRIGGER journal_refuses_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_refuses_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_bodies_refuse_update BEFORE UPDATE ON journal_bodies
BEGIN SELECT RAISE(ABORT, 'journal bodies are never rewritten'); END;

CREATE TABLE messages (
    id                   INTEGER PRIMARY KEY,
    chat_id              INTEGER NOT NULL REFERENCES chats (chat_id),
    message_id           INTEGER NOT NULL,
    update_id            INTEGER,
    sender_id            INTEGER REFERENCES users (user_id),
    sent_at              TEXT NOT NULL,
    kind                 TEXT NOT NULL,      -- text, photo, document, contact, service, other
    text                 TEXT,               -- the text or caption as first posted
    reply_to_message_id  INTEGER,
    forwarded_from       TEXT,               -- who or what it was forwarded from, when forwarded
    journal_seq          INTEGER NOT NULL REFERENCES journal (seq),
    UNIQUE (chat_id, message_id)
);
CREATE INDEX messages_by_chat_time ON messages (chat_id, sent_at);
CREATE INDEX messages_by_sender ON messages (sender_id, sent_at);

-- Every edit is a new version; the original in messages is never overwritten.
CREATE TABLE message_edits (
    id           INTEGER PRIMARY KEY,
    message_row  INTEGER NOT NULL REFERENCES messages (id),
    update_id    INTEGER,
    edited_at    TEXT NOT NULL,
    text         TEXT,
    version_key  TEXT NOT NULL,              -- hash of edit time and text: a redelivered edit is stored once
    journal_seq  INTEGER NOT NULL REFERENCES journal (seq),
    UNIQUE (message_row, version_key)
);

-- Updates as received, written before Telegram is told they were received, so a
-- crash between receiving and handling loses nothing.
CREATE TABLE inbox (
    id            INTEGER PRIMARY KEY,
    update_id     INTEGER NOT NULL,
    payload_hash  TEXT NOT NULL,
    payload       TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    processed_at  TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    UNIQUE (update_id, payload_hash)
);
CREATE INDEX inbox_unprocessed ON inbox (id) WHERE processed_at IS NULL;

-- Bot API calls the bot owes (replies, warnings, approvals...), delivered with retries.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    dedupe_key    TEXT UNIQUE,
    chat_id       INTEGER NOT NULL DEFAULT 0,  -- calls to one chat are delivered in order
    method        TEXT NOT NULL,
    params        TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    not_before    TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending',   -- pending, sent, failed
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    completed_at  TEXT,
    result        TEXT
);
CREATE INDEX outbox_pending ON outbox (chat_id, id) WHERE state = 'pending';

-- Deadlines (grace periods, reminders, checkpoints) kept here so a restart forgets none.
CREATE TABLE tasks (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    dedupe_key    TEXT UNIQUE,
    payload       TEXT NOT NULL,
    due_at        TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending',   -- pending, done, cancelled, failed
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    completed_at  TEXT
);
CREATE INDEX tasks_due ON tasks (due_at, id) WHERE state = 'pending';

-- Small facts about the running bot (its heartbeat, for `samvad health`).
CREATE TABLE bot_state (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
