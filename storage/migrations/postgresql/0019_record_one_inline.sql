-- 0019: one group message (the bot's own posts, recorded as their calls are settled, and a message its handler
-- records when the inbox did not) is recorded by one PL/pgSQL function whose steps are written in it, not by three
-- nested ones. samvad_record_group_message (0016) called samvad_record_message (0015), which called
-- samvad_journal_append (0013): each call of a set-returning PL/pgSQL function from PL/pgSQL builds a result store
-- and a call context, about as dear as the message's look-up and insert together (migration 0017's finding for the
-- batch). Measured with pg_stat_statements over 3,000 messages of `samvad bench` (3 Dec 2026): ~0.76 ms of server
-- time a call, the costliest statement a send. Same parameters, same steps in the same order, same rows:
-- - the chat's facts, then the sender's, compared with the stored rows and written only where they differ (0016);
-- - the message looked up first (found: its update id, nothing written);
-- - else the journal entry as samvad_journal_append makes it (the chain's advisory lock first, then the head read by
--   a statement of its own, on a snapshot taken after the lock is held; the hash SHA-256 of the previous hash, a
--   newline and the header with its seq), its body, and the message row.
-- samvad_journal_append stays the one append for every other kind of entry; samvad_record_message (0015) gets the
-- same treatment, for the records that have no chat's or sender's facts to note.
CREATE OR REPLACE FUNCTION samvad_record_message(p_chat_id BIGINT, p_message_id BIGINT, p_update_id BIGINT,
                                                 p_sender_id BIGINT, p_sent_at TEXT, p_kind TEXT, p_text TEXT,
                                                 p_reply_to_message_id BIGINT, p_forwarded_from TEXT,
                                                 p_forwarded_at TEXT, p_lock_key BIGINT, p_recorded_at TEXT,
                                                 p_body_hash TEXT, p_header_before_seq TEXT, p_body TEXT)
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
    PERFORM pg_advisory_xact_lock(p_lock_key);
    SELECT j.seq, j.entry_hash INTO new_seq, new_prev_hash FROM journal j ORDER BY j.seq DESC LIMIT 1;
    new_seq := coalesce(new_seq, 0) + 1;
    new_prev_hash := coalesce(new_prev_hash, repeat('0', 64));
    new_entry_hash := encode(sha256(convert_to(
        new_prev_hash || E'\n' || p_header_before_seq || new_seq::TEXT || '}', 'UTF8')), 'hex');
    INSERT INTO journal (seq, recorded_at, chat_id, actor_id, kind, body_hash, prev_hash, entry_hash)
        VALUES (new_seq, p_recorded_at, p_chat_id, p_sender_id, 'message', p_body_hash, new_prev_hash, new_entry_hash);
    INSERT INTO journal_bodies (seq, body) VALUES (new_seq, p_body);
    INSERT INTO messages (chat_id, message_id, update_id, sender_id, sent_at, kind, text, reply_to_message_id,
                          forwarded_from, forwarded_at, journal_seq)
        VALUES (p_chat_id, p_message_id, p_update_id, p_sender_id, p_sent_at, p_kind, p_text, p_reply_to_message_id,
                p_forwarded_from, p_forwarded_at, new_seq);
    RETURN NEXT;
END
$$;

CREATE OR REPLACE FUNCTION samvad_record_group_message(p_chat_type TEXT, p_chat_title TEXT, p_chat_username TEXT,
                                                       p_person_id BIGINT, p_person_is_bot INTEGER, p_first_name TEXT,
                                                       p_last_name TEXT, p_person_username TEXT, p_language_code TEXT,
                                                       p_chat_id BIGINT, p_message_id BIGINT, p_update_id BIGINT,
                                                       p_sender_id BIGINT, p_sent_at TEXT, p_kind TEXT, p_text TEXT,
                                                       p_reply_to_message_id BIGINT, p_forwarded_from TEXT,
                                                       p_forwarded_at TEXT, p_lock_key BIGINT, p_recorded_at TEXT,
                                                       p_body_hash TEXT, p_header_before_seq TEXT, p_body TEXT)
RETURNS TABLE (was_there BOOLEAN, stored_update_id BIGINT, new_seq BIGINT, new_prev_hash TEXT, new_entry_hash TEXT)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF p_chat_type IS NOT NULL  -- NULL: the chat's facts are noted already
       AND NOT EXISTS (SELECT FROM chats c WHERE c.chat_id = p_chat_id AND c.type = p_chat_type
                       AND c.title IS NOT DISTINCT FROM p_chat_title
                       AND c.username IS NOT DISTINCT FROM p_chat_username) THEN
        INSERT INTO chats AS c (chat_id, type, title, username, first_seen_at, updated_at)
            VALUES (p_chat_id, p_chat_type, p_chat_title, p_chat_username, p_recorded_at, p_recorded_at)
            ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type, title = excluded.title,
                username = excluded.username, updated_at = excluded.updated_at
            WHERE c.type IS DISTINCT FROM excluded.type OR c.title IS DISTINCT FROM excluded.title
                OR c.username IS DISTINCT FROM excluded.username;
    END IF;
    IF p_person_id IS NOT NULL  -- NULL: no sender, or its facts noted already
       AND NOT EXISTS (SELECT FROM users u WHERE u.user_id = p_person_id AND u.first_name IS NOT DISTINCT FROM p_first_name
                       AND u.last_name IS NOT DISTINCT FROM p_last_name
                       AND u.username IS NOT DISTINCT FROM p_person_username
                       AND u.language_code IS NOT DISTINCT FROM p_language_code) THEN
        INSERT INTO users AS u (user_id, is_bot, first_name, last_name, username, language_code, first_seen_at,
                                updated_at)
            VALUES (p_person_id, p_person_is_bot, p_first_name, p_last_name, p_person_username, p_language_code,
                    p_recorded_at, p_recorded_at)
            ON CONFLICT (user_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
                username = excluded.username, language_code = excluded.language_code,
                updated_at = excluded.updated_at
            WHERE u.first_name IS DISTINCT FROM excluded.first_name OR u.last_name IS DISTINCT FROM excluded.last_name
                OR u.username IS DISTINCT FROM excluded.username
                OR u.language_code IS DISTINCT FROM excluded.language_code;
    END IF;
    -- samvad_record_message's steps (above).
    SELECT m.update_id INTO stored_update_id FROM messages m
        WHERE m.chat_id = p_chat_id AND m.message_id = p_message_id;
    IF FOUND THEN
        was_there := true;
        RETURN NEXT;
        RETURN;
    END IF;
    was_there := false;
    PERFORM pg_advisory_xact_lock(p_lock_key);
    SELECT j.seq, j.entry_hash INTO new_seq, new_prev_hash FROM journal j ORDER BY j.seq DESC LIMIT 1;
    new_seq := coalesce(new_seq, 0) + 1;
    new_prev_hash := coalesce(new_prev_hash, repeat('0', 64));
    new_entry_hash := encode(sha256(convert_to(
        new_prev_hash || E'\n' || p_header_before_seq || new_seq::TEXT || '}', 'UTF8')), 'hex');
    INSERT INTO journal (seq, recorded_at, chat_id, actor_id, kind, body_hash, prev_hash, entry_hash)
        VALUES (new_seq, p_recorded_at, p_chat_id, p_sender_id, 'message', p_body_hash, new_prev_hash, new_entry_hash);
    INSERT INTO journal_bodies (seq, body) VALUES (new_seq, p_body);
    INSERT INTO messages (chat_id, message_id, update_id, sender_id, sent_at, kind, text, reply_to_message_id,
                          forwarded_from, forwarded_at, journal_seq)
        VALUES (p_chat_id, p_message_id, p_update_id, p_sender_id, p_sent_at, p_kind, p_text, p_reply_to_message_id,
                p_forwarded_from, p_forwarded_at, new_seq);
    RETURN NEXT;
END
$$;
