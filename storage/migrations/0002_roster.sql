-- 0002: the roster of posts, the Telegram accounts verified for them, the groups
-- bound to levels, and the members the bot has seen in each group.

-- A post, not a person: the holder changes at a transfer, the post stays.
CREATE TABLE posts (
    post_id       TEXT PRIMARY KEY,
    designation   TEXT NOT NULL,
    level         TEXT NOT NULL CHECK (level IN ('state', 'hod', 'district')),
    jurisdiction  TEXT NOT NULL,           -- a district's canonical name, an HoD office key, or the department
    mobile        TEXT NOT NULL,           -- official number, E.164 (+91...)
    email         TEXT NOT NULL,           -- official e-mail
    holder        TEXT NOT NULL,           -- current holder's name
    is_admin      INTEGER NOT NULL DEFAULT 0,
    active        INTEGER NOT NULL DEFAULT 1,   -- 0 once dropped from the roster (kept for the record)
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX posts_one_active_per_mobile ON posts (mobile) WHERE active = 1;
CREATE INDEX posts_by_level ON posts (level, jurisdiction);

-- A Telegram account verified (by sharing its own contact) to hold a post's number.
CREATE TABLE post_accounts (
    id           INTEGER PRIMARY KEY,
    post_id      TEXT NOT NULL REFERENCES posts (post_id),
    user_id      INTEGER NOT NULL,
    mobile       TEXT NOT NULL,
    verified_at  TEXT NOT NULL,
    revoked_at   TEXT,                    -- set when the post passes to someone else
    revoked_why  TEXT
);
CREATE UNIQUE INDEX post_accounts_one_current ON post_accounts (post_id) WHERE revoked_at IS NULL;
CREATE INDEX post_accounts_by_user ON post_accounts (user_id) WHERE revoked_at IS NULL;

-- A group's place among the circular's three levels (§2). One group per binding.
CREATE TABLE group_bindings (
    chat_id       INTEGER PRIMARY KEY REFERENCES chats (chat_id),
    level         TEXT NOT NULL CHECK (level IN ('state', 'hod', 'district')),
    jurisdiction  TEXT NOT NULL DEFAULT '',   -- '' for the State group
    bound_by      INTEGER,
    bound_at      TEXT NOT NULL,
    UNIQUE (level, jurisdiction)
);

-- Who the bot has seen in each group, with their Telegram status.
CREATE TABLE group_members (
    chat_id     INTEGER NOT NULL REFERENCES chats (chat_id),
    user_id     INTEGER NOT NULL,
    status      TEXT NOT NULL,           -- creator, administrator, member, restricted, left, kicked
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);
