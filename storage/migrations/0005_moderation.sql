-- 0005: moderation: each group's policy per label, flags raised by the content filter and
-- their review, the one-warning-a-minute windows, and pre-post checks (a count, nothing more).

-- What the bot does in a group when the filter finds a label: a set of warn, delete, notify
-- ('' = off). A group without a row for a label uses the default.
CREATE TABLE group_policies (
    chat_id  INTEGER NOT NULL REFERENCES chats (chat_id),
    label    TEXT NOT NULL CHECK (label IN ('confidential', 'personal_data', 'hostile', 'instruction')),
    actions  TEXT NOT NULL,
    set_by   INTEGER,
    set_at   TEXT NOT NULL,
    PRIMARY KEY (chat_id, label)
);

-- One flag per version of a message that the filter labelled (version '0' is the original,
-- an edit's version is its edit time). Spans and reasons are kept, the text is not: it is in
-- the message log.
CREATE TABLE flags (
    id            INTEGER PRIMARY KEY,
    chat_id       INTEGER NOT NULL REFERENCES chats (chat_id),
    message_id    INTEGER NOT NULL,
    version       TEXT NOT NULL,
    sender_id     INTEGER,
    labels        TEXT NOT NULL,         -- JSON list
    evidence      TEXT NOT NULL,         -- JSON list of {label, start, end, score, reason_code}
    language      TEXT NOT NULL,
    actions       TEXT NOT NULL,         -- JSON list of what was done: warn, delete, notify
    state         TEXT NOT NULL DEFAULT 'open',   -- open, confirmed, false_alarm, resolved
    flagged_at    TEXT NOT NULL,
    warned_at     TEXT,                  -- when its warning was owed (alone or combined)
    decided_by    INTEGER,
    decided_at    TEXT,
    journal_seq   INTEGER NOT NULL REFERENCES journal (seq),
    UNIQUE (chat_id, message_id, version)
);
CREATE INDEX flags_by_chat ON flags (chat_id, flagged_at);
CREATE INDEX flags_by_sender ON flags (sender_id, state, decided_at);
CREATE INDEX flags_unwarned ON flags (chat_id, sender_id) WHERE warned_at IS NULL;

-- At most one warning per member per group per minute: when the current window opened.
CREATE TABLE warning_windows (
    chat_id    INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    opened_at  TEXT NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

-- Someone who sent /check alone: their next private message is the draft. No text is kept.
CREATE TABLE awaiting_drafts (
    user_id  INTEGER PRIMARY KEY,
    since    TEXT NOT NULL
);

-- Pre-post checks are counted per day and nothing else is kept of them.
CREATE TABLE prepost_check_counts (
    day    TEXT PRIMARY KEY,
    count  INTEGER NOT NULL
);
