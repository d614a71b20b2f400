-- 0003: membership by official number: the numbers people shared to verify, the join
-- requests the bot decided, members restricted until they verify, and the invite links
-- the bot made. The journal keeps the history; these tables keep the current state.

-- Every number shared by its own account to verify, matched to a post or not. An
-- unmatched number is remembered so that a transfer to it links that account at once.
CREATE TABLE number_claims (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    mobile      TEXT NOT NULL,          -- E.164 when it is an Indian mobile number, else as shared
    claimed_at  TEXT NOT NULL,
    post_id     TEXT                    -- the post it matched; NULL when it matched none
);
CREATE INDEX number_claims_by_mobile ON number_claims (mobile, id);
CREATE INDEX number_claims_by_user ON number_claims (user_id, id);

-- The latest join request of each person to each group, and what the bot decided.
CREATE TABLE join_requests (
    chat_id       INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    requested_at  TEXT NOT NULL,
    invite_link   TEXT,
    state         TEXT NOT NULL CHECK (state IN ('held', 'approved', 'declined', 'gone')),
    decided_at    TEXT,
    PRIMARY KEY (chat_id, user_id)
);
CREATE INDEX join_requests_held ON join_requests (user_id) WHERE state = 'held';

-- Members restricted from sending until they verify, and when they will be removed.
CREATE TABLE member_gates (
    chat_id        INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    reason         TEXT NOT NULL,       -- unverified, or post-elsewhere (verified for a post of another group)
    restricted_at  TEXT NOT NULL,
    remove_at      TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('restricted', 'lifted', 'removed', 'left')),
    settled_at     TEXT,
    PRIMARY KEY (chat_id, user_id)
);
CREATE INDEX member_gates_restricted ON member_gates (user_id) WHERE state = 'restricted';

-- Invite links the bot created (each asks for approval), and for whom.
CREATE TABLE invite_links (
    link        TEXT PRIMARY KEY,
    chat_id     INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    post_id     TEXT,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX invite_links_current ON invite_links (chat_id, user_id) WHERE revoked_at IS NULL;
