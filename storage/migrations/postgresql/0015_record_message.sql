-- 0015: a group message is recorded in one statement, not three (is it there already; the journal append of
-- migration 0013; the message row). Every message of a group is recorded, and on PostgreSQL each statement is
-- a round trip of the one writer connection, whose statements run one after another: measured 3 Dec 2026,
-- the writer's round trips, not the SQL in them, bounded `samvad bench` on this server.
-- What it does is what storage/messages.py's record_message_in does on SQLite, in the same order: the
-- message row looked up first (found: its update id is returned and nothing is written); else the entry
-- appended by migration 0013's samvad_journal_append (the chain's lock, its head, the entry and its body; the
-- one definition of the append on the server) and the message row written. The caller computes the body and
-- its hash, and checks the entry hash it gets back against its own computation.
CREATE FUNCTION samvad_record_message(p_chat_id BIGINT, p_message_id BIGINT, p_update_id BIGINT, p_sender_id BIGINT,
                                      p_sent_at TEXT, p_kind TEXT, p_text TEXT, p_reply_to_message_id BIGINT,
                                      p_forwarded_from TEXT, p_forwarded_at TEXT, p_lock_key BIGINT,
                                      p_recorded_at TEXT, p_body_hash TEXT, p_header_before_seq TEXT, p_body TEXT)
RETURNS TABLE (was_there BOOLEAN, stored_update_id BIGINT, new_seq BIGINT, new_prev_hash TEXT, new_entry_hash TEXT)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    SELECT m.update_id INTO stored_update_id FROM messages m
        WHERE m.chat_id = p_chat_id AND m.message_id = p_message_id;
    IF FOUND THEN
        was_there := true;
        RETURN NEXT;
        RETURN;
    END IF;
    was_there := false;
    SELECT a.new_seq, a.new_prev_hash, a.new_entry_hash INTO new_seq, new_prev_hash, new_entry_hash
        FROM samvad_journal_append(p_lock_key, p_recorded_at, p_chat_id, p_sender_id, 'message', p_body_hash,
                                   p_header_before_seq, p_body) AS a;
    INSERT INTO messages (chat_id, message_id, update_id, sender_id, sent_at, kind, text, reply_to_message_id,
                          forwarded_from, forwarded_at, journal_seq)
        VALUES (p_chat_id, p_message_id, p_update_id, p_sender_id, p_sent_at, p_kind, p_text, p_reply_to_message_id,
                p_forwarded_from, p_forwarded_at, new_seq);
    RETURN NEXT;
END
$$;
