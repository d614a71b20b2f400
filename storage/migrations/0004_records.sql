-- 0004: the record built on the journal: signed checkpoints, instructions and their
-- acknowledgements, incidents, personal-data spans for masking, and full-text search.

-- A signed statement that the chain up to seq ended in entry_hash. The public key is
-- kept with each checkpoint so verification needs nothing secret.
CREATE TABLE checkpoints (
    id          INTEGER PRIMARY KEY,
    seq         INTEGER NOT NULL,
    entry_hash  TEXT NOT NULL,
    signed_at   TEXT NOT NULL,
    public_key  TEXT NOT NULL,            -- Ed25519 public key, hex
    signature   TEXT NOT NULL             -- hex, over checkpoint_message(seq, entry_hash, signed_at)
);
CREATE INDEX checkpoints_by_seq ON checkpoints (seq);

CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    opened_by   INTEGER,
    opened_at   TEXT NOT NULL,
    closed_by   INTEGER,
    closed_at   TEXT
);
CREATE UNIQUE INDEX incidents_one_open_per_name ON incidents (name COLLATE NOCASE) WHERE closed_at IS NULL;

-- The groups an incident covers: everything in them between opened_at and closed_at is tagged.
CREATE TABLE incident_groups (
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    chat_id      INTEGER NOT NULL,
    PRIMARY KEY (incident_id, chat_id)
);

-- A group message the content filter labelled instruction.
CREATE TABLE instructions (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL,
    message_id      INTEGER NOT NULL,
    author_id       INTEGER,
    kind            TEXT NOT NULL,          -- meeting, information_request, event, disaster, general
    due_at          TEXT,                   -- when a due time was stated
    due_text        TEXT,                   -- the words that stated it
    whole_group     INTEGER NOT NULL,       -- 1 when no narrower addressee was named
    incident_id     INTEGER REFERENCES incidents (id),
    created_at      TEXT NOT NULL,
    journal_seq     INTEGER NOT NULL REFERENCES journal (seq),
    UNIQUE (chat_id, message_id)
);
CREATE INDEX instructions_by_chat ON instructions (chat_id, id);

-- Who an instruction is addressed to: posts (resolved through the roster) or, for a
-- mention of someone without a post, their account.
CREATE TABLE instruction_addressees (
    instruction_id  INTEGER NOT NULL REFERENCES instructions (id),
    post_id         TEXT,
    user_id         INTEGER,
    CHECK (post_id IS NOT NULL OR user_id IS NOT NULL)
);
CREATE UNIQUE INDEX instruction_addressees_once ON instruction_addressees (instruction_id, coalesce(post_id, ''), coalesce(user_id, 0));
CREATE INDEX instruction_addressees_by_post ON instruction_addressees (post_id);

-- An acknowledgement by one account, for one of its posts (post_id NULL for an unverified account).
CREATE TABLE acknowledgements (
    id              INTEGER PRIMARY KEY,
    instruction_id  INTEGER NOT NULL REFERENCES instructions (id),
    user_id         INTEGER NOT NULL,
    post_id         TEXT,
    how             TEXT NOT NULL,          -- button, reply
    message_id      INTEGER,                -- the reply, when by reply
    acknowledged_at TEXT NOT NULL,
    journal_seq     INTEGER NOT NULL REFERENCES journal (seq)
);
CREATE UNIQUE INDEX acknowledgements_once ON acknowledgements (instruction_id, user_id, coalesce(post_id, ''));

-- Character spans of personal data the content filter found in a message or edit (by its
-- journal entry), kept so exports mask exactly what the filter saw.
CREATE TABLE personal_data_spans (
    journal_seq  INTEGER NOT NULL REFERENCES journal (seq),
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    reason_code  TEXT NOT NULL,
    PRIMARY KEY (journal_seq, start, end)
);

-- Full-text search over messages and edits. unicode61 splits words at combining vowel
-- signs (category M) by default, which shreds Gujarati and Hindi into single letters;
-- counting marks as word characters keeps "વાગ્યા" and "रिपोर्ट" whole.
CREATE VIRTUAL TABLE messages_search USING fts5 (
    text, content = 'messages', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);
CREATE VIRTUAL TABLE edits_search USING fts5 (
    text, content = 'message_edits', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages WHEN new.text IS NOT NULL
BEGIN INSERT INTO messages_search (rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER messages_search_update AFTER UPDATE OF text ON messages
BEGIN
    INSERT INTO messages_search (messages_search, rowid, text) SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
    INSERT INTO messages_search (rowid, text) SELECT new.id, new.text WHERE new.text IS NOT NULL;
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages WHEN old.text IS NOT NULL
BEGIN INSERT INTO messages_search (messages_search, rowid, text) VALUES ('delete', old.id, old.text); END;

CREATE TRIGGER edits_search_insert AFTER INSERT ON message_edits WHEN new.text IS NOT NULL
BEGIN INSERT INTO edits_search (rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER edits_search_update AFTER UPDATE OF text ON message_edits
BEGIN
    INSERT INTO edits_search (edits_search, rowid, text) SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
    INSERT INTO edits_search (rowid, text) SELECT new.id, new.text WHERE new.text IS NOT NULL;
END;
CREATE TRIGGER edits_search_delete AFTER DELETE ON message_edits WHEN old.text IS NOT NULL
BEGIN INSERT INTO edits_search (edits_search, rowid, text) VALUES ('delete', old.id, old.text); END;

INSERT INTO messages_search (messages_search) VALUES ('rebuild');
INSERT INTO edits_search (edits_search) VALUES ('rebuild');
