-- 0005: moderation: per-group policies, flags and their reviews, when each member was last
-- warned, escalations, and the pre-post check's daily count (nothing of a checked draft is kept).

-- What the bot does about a label in a group, when an admin post changed the default.
CREATE TABLE moderation_policies (
    chat_id  INTEGER NOT NULL,
    label    TEXT NOT NULL,
    actions  TEXT NOT NULL,            -- canonical actions, space-separated: 'delete notify', 'warn', '' for off
    set_by   INTEGER,
    set_at   TEXT NOT NULL,
    PRIMARY KEY (chat_id, label)
);

-- A group message (or an edit of it) the content filter labelled and the group's policy acted on.
CREATE TABLE flags (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL,
    message_id      INTEGER NOT NULL,
    update_id       INTEGER NOT NULL,     -- the update (message or edit) that raised it: a replay finds it
    version_seq     INTEGER,              -- journal entry of the text version flagged (message or edit)
    member_id       INTEGER NOT NULL,     -- who posted it
    source          TEXT NOT NULL CHECK (source IN ('message', 'edit')),
    labels          TEXT NOT NULL,        -- JSON: the labels acted on
    verdict_labels  TEXT NOT NULL,        -- JSON: every label the filter gave (to correct a false alarm)
    findings        TEXT NOT NULL,        -- JSON: [{label, reason_code, start, end}], never the text
    language        TEXT NOT NULL,        -- en, gu or hi: the language of the warning
    actions         TEXT NOT NULL,        -- JSON: what was done: warn, delete, notify
    deleted         INTEGER NOT NULL DEFAULT 0,
    by_admin        INTEGER NOT NULL DEFAULT 0,   -- posted by one of the group's admin posts: never escalates
    warning         TEXT NOT NULL CHECK (warning IN ('sent', 'held', 'dropped')),
                                          -- held: waits for the combined warning; dropped: withdrawn before it
    flagged_at      TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'open'
                    CHECK (state IN ('open', 'confirmed', 'false_alarm', 'withdrawn')),
    decided_by      INTEGER,              -- the admin who reviewed it (the member, for an edit that withdrew it)
    decided_at      TEXT,
    journal_seq     INTEGER NOT NULL,
    UNIQUE (chat_id, message_id, update_id)
);
CREATE INDEX flags_by_member ON flags (chat_id, member_id, flagged_at);
CREATE INDEX flags_by_message ON flags (chat_id, message_id);
CREATE INDEX flags_held ON flags (chat_id, member_id) WHERE warning = 'held';
CREATE INDEX flags_false_alarms ON flags (decided_at) WHERE state = 'false_alarm';

-- The private notifications (with review buttons) sent to admin posts about a flag, by outbox id,
-- so that each can be edited to show the decision.
CREATE TABLE flag_notices (
    flag_id    INTEGER NOT NULL REFERENCES flags (id),
    outbox_id  INTEGER NOT NULL,
    PRIMARY KEY (flag_id, outbox_id)
);

-- When a member was last warned in a group: at most one warning per interval.
CREATE TABLE member_warnings (
    chat_id         INTEGER NOT NULL,
    member_id       INTEGER NOT NULL,
    last_warned_at  TEXT NOT NULL,
    PRIMARY KEY (chat_id, member_id)
);

-- The times a member's confirmed flags were sent to the group's admin posts.
CREATE TABLE escalations (
    id            INTEGER PRIMARY KEY,
    chat_id       INTEGER NOT NULL,
    member_id     INTEGER NOT NULL,
    flag_count    INTEGER NOT NULL,
    escalated_at  TEXT NOT NULL,
    journal_seq   INTEGER NOT NULL
);
CREATE INDEX escalations_by_member ON escalations (chat_id, member_id, escalated_at);

-- Someone who sent /check alone: their next private message is the draft (the draft itself is never stored).
CREATE TABLE prepost_waiting (
    user_id  INTEGER PRIMARY KEY,
    since    TEXT NOT NULL
);

-- How many drafts were checked each day (UTC), and nothing else about them.
CREATE TABLE prepost_checks (
    day     TEXT PRIMARY KEY,
    checks  INTEGER NOT NULL
);
