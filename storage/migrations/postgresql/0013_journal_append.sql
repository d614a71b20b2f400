-- 0013: a journal entry is appended in one statement (the chain's lock, its head, both rows), not four.
-- Each statement costs the bot and the server about as much as a small read, and a message appends one
-- or two entries. The function takes the chain's advisory lock first; its next statement, run after the
-- lock is held, reads the head on a snapshot of its own (READ COMMITTED: every statement of a volatile
-- function sees what was committed when it began), so instances appending at once still make one chain.
-- The entry's hash is computed here as storage/journal.py defines it: SHA-256 of the previous hash, a
-- newline and the canonical header, whose last key is "seq" (the caller sends the header up to the
-- sequence number); the caller checks the hash it gets back against its own computation.
CREATE FUNCTION samvad_journal_append(p_lock_key BIGINT, p_recorded_at TEXT, p_chat_id BIGINT, p_actor_id BIGINT,
                                      p_kind TEXT, p_body_hash TEXT, p_header_before_seq TEXT, p_body TEXT)
RETURNS TABLE (new_seq BIGINT, new_prev_hash TEXT, new_entry_hash TEXT)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    head_seq BIGINT;
    head_hash TEXT;
BEGIN
    PERFORM pg_advisory_xact_lock(p_lock_key);
    SELECT j.seq, j.entry_hash INTO head_seq, head_hash FROM journal j ORDER BY j.seq DESC LIMIT 1;
    new_seq := coalesce(head_seq, 0) + 1;
    new_prev_hash := coalesce(head_hash, repeat('0', 64));
    new_entry_hash := encode(sha256(convert_to(
        new_prev_hash || E'\n' || p_header_before_seq || new_seq::TEXT || '}', 'UTF8')), 'hex');
    INSERT INTO journal (seq, recorded_at, chat_id, actor_id, kind, body_hash, prev_hash, entry_hash)
        VALUES (new_seq, p_recorded_at, p_chat_id, p_actor_id, p_kind, p_body_hash, new_prev_hash, new_entry_hash);
    INSERT INTO journal_bodies (seq, body) VALUES (new_seq, p_body);
    RETURN NEXT;
END
$$;
