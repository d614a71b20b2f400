-- 0010: attachments: the documents and photos posted in bound groups, read for the record and
-- the content filter. The extracted text is also the body of an 'attachment' journal entry; the
-- copy here feeds search and is blanked when that entry is erased by lawful order.
CREATE TABLE attachments (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL,
    chat_type       TEXT NOT NULL,
    message_id      INTEGER NOT NULL,
    update_id       INTEGER NOT NULL,     -- the update that brought it (a flag on the file is keyed -journal_seq)
    sender          TEXT NOT NULL,        -- JSON: the sender as Telegram gave it (id, names), for the warning
    sent_at         TEXT NOT NULL,
    media           TEXT NOT NULL CHECK (media IN ('document', 'photo')),
    file_id         TEXT NOT NULL,
    file_unique_id  TEXT NOT NULL,
    file_name       TEXT,
    mime_type       TEXT,
    file_size       INTEGER,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'recorded', 'done', 'failed')),
                                          -- recorded: journalled, not yet checked by the filter (a restart checks it)
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    status          TEXT,                 -- read, partly_read, unread, too_large
    reason          TEXT,                 -- why not read in full (attachments.Reason)
    kind            TEXT,                 -- pdf, docx, text, csv, image, other (by content)
    sha256          TEXT,
    pages_read      INTEGER,
    pages_total     INTEGER,
    text            TEXT,
    stored_path     TEXT,                 -- the file kept in the record directory, if kept
    journal_seq     INTEGER,
    requested_at    TEXT NOT NULL,
    read_at         TEXT,
    UNIQUE (chat_id, message_id)
);
CREATE INDEX attachments_pending ON attachments (id) WHERE state IN ('pending', 'recorded');
CREATE INDEX attachments_by_seq ON attachments (journal_seq);

CREATE VIRTUAL TABLE attachments_search USING fts5 (
    text, content = 'attachments', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);
CREATE TRIGGER attachments_search_insert AFTER INSERT ON attachments WHEN new.text IS NOT NULL
BEGIN INSERT INTO attachments_search (rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER attachments_search_update AFTER UPDATE OF text ON attachments
BEGIN
    INSERT INTO attachments_search (attachments_search, rowid, text) SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
    INSERT INTO attachments_search (rowid, text) SELECT new.id, new.text WHERE new.text IS NOT NULL;
END;
CREATE TRIGGER attachments_search_delete AFTER DELETE ON attachments WHEN old.text IS NOT NULL
BEGIN INSERT INTO attachments_search (attachments_search, rowid, text) VALUES ('delete', old.id, old.text); END;
