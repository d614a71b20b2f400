-- 0016: a group message is recorded with its chat's and sender's facts in one statement: the facts are compared
-- with what is stored, here, and written only where they differ; then migration 0015's samvad_record_message.
-- Until 0016 the bot skipped sending facts its connection had committed before (a cache per connection), which
-- with several instances could keep a stale title: instance B records a rename X -> Y, then A sees X again,
-- which it had committed itself, and skips it. Compared with the stored row, nothing can go stale, and the
-- facts cost no round trip (each statement is a round trip of the one writer connection, ~0.1 ms of CPU).
-- Same steps and order as storage/chats.py's save_chat_in and save_user_in, then the record: the chat, the
-- sender (when the message has one), the message. A plain read first: an upsert that changes nothing still
-- locks the row (a WAL record and a dirtied page per message).
CREATE FUNCTION samvad_record_group_message(p_chat_type TEXT, p_chat_title TEXT, p_chat_username TEXT,
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
    IF p_chat_type IS NULL THEN  -- the chat's facts are noted already (by an earlier message of the same batch)
        NULL;
    ELSIF NOT EXISTS (SELECT FROM chats c WHERE c.chat_id = p_chat_id AND c.type = p_chat_type
                      AND c.title IS NOT DISTINCT FROM p_chat_title
                      AND c.username IS NOT DISTINCT FROM p_chat_username) THEN
        INSERT INTO chats AS c (chat_id, type, title, username, first_seen_at, updated_at)
            VALUES (p_chat_id, p_chat_type, p_chat_title, p_chat_username, p_recorded_at, p_recorded_at)
            ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type, title = excluded.title,
                username = excluded.username, updated_at = excluded.updated_at
            WHERE c.type IS DISTINCT FROM excluded.type OR c.title IS DISTINCT FROM excluded.title
                OR c.username IS DISTINCT FROM excluded.username;
    END IF;
    IF p_person_id IS NOT NULL THEN  -- NULL: no sender, or its facts noted already
        IF NOT EXISTS (SELECT FROM users u WHERE u.user_id = p_person_id AND u.first_name IS NOT DISTINCT FROM p_first_name
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
    END IF;
    RETURN QUERY SELECT r.was_there, r.stored_update_id, r.new_seq, r.new_prev_hash, r.new_entry_hash
        FROM samvad_record_message(p_chat_id, p_message_id, p_update_id, p_sender_id, p_sent_at, p_kind, p_text,
                                   p_reply_to_message_id, p_forwarded_from, p_forwarded_at, p_lock_key,
                                   p_recorded_at, p_body_hash, p_header_before_seq, p_body) AS r;
END
$$;

-- A batch of group messages (those of one getUpdates answer, recorded in the transaction that stores it: bot/
-- ingress.py) in one statement, each as samvad_record_group_message records it, in the batch's order. p_messages is
-- a JSON array with one array per message: samvad_record_group_message's parameters in its order, without the lock
-- key and the time (the same for all). One row per message, in order, numbered from 1.
CREATE FUNCTION samvad_record_group_messages(p_lock_key BIGINT, p_recorded_at TEXT, p_messages TEXT)
RETURNS TABLE (ordinal INTEGER, was_there BOOLEAN, stored_update_id BIGINT, new_seq BIGINT, new_prev_hash TEXT,
               new_entry_hash TEXT)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    m JSONB;
BEGIN
    ordinal := 0;
    FOR m IN SELECT value FROM jsonb_array_elements(p_messages::jsonb) WITH ORDINALITY ORDER BY ordinality LOOP
        ordinal := ordinal + 1;
        SELECT r.was_there, r.stored_update_id, r.new_seq, r.new_prev_hash, r.new_entry_hash
            INTO was_there, stored_update_id, new_seq, new_prev_hash, new_entry_hash
            FROM samvad_record_group_message(m->>0, m->>1, m->>2, (m->>3)::BIGINT, (m->>4)::INTEGER, m->>5, m->>6,
                                             m->>7, m->>8, (m->>9)::BIGINT, (m->>10)::BIGINT, (m->>11)::BIGINT,
                                             (m->>12)::BIGINT, m->>13, m->>14, m->>15, (m->>16)::BIGINT, m->>17,
                                             m->>18, p_lock_key, p_recorded_at, m->>19, m->>20, m->>21) AS r;
        RETURN NEXT;
    END LOOP;
END
$$;
