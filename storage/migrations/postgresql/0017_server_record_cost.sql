-- 0017: less server CPU a message, the same words and the same records.
--
-- The search words: translate() over 32 ASCII punctuation marks cost about 0.1 ms a message's text on this
-- machine (it compares every character with each of the 32, multibyte-aware), more than to_tsvector itself;
-- regexp_replace over a bracket expression of the same 32 marks gives the same text (checked for every code point,
-- alone, on 3 Dec 2026) at about a tenth of that. The marks are spelled one by one (no ranges, which a collation
-- could read otherwise); in the bracket `\[`, `\\` and `\]` are escapes and `-` comes last. Rows stored before keep
-- their words, which are the same.
CREATE OR REPLACE FUNCTION samvad_search_words(words TEXT) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN to_tsvector('simple', regexp_replace(normalize(coalesce(words, ''), NFC),
                                            '[!"#$%&''()*+,./:;<=>?@\[\\\]^_`{|}~-]', ' ', 'g'));

-- The batch record (migration 0016) with the steps of samvad_record_group_message and samvad_record_message written
-- in its loop, in their order, instead of called: each call of a set-returning PL/pgSQL function from PL/pgSQL
-- builds a result store and a call context, two a message, about as dear as the message's own lookup and insert
-- together (pg_stat_statements, 3,000 messages of `samvad bench`). The journal entry is still appended by
-- samvad_journal_append (migration 0013), the one definition of the chain's link. Same parameters, same rows.
CREATE OR REPLACE FUNCTION samvad_record_group_messages(p_lock_key BIGINT, p_recorded_at TEXT, p_messages TEXT)
RETURNS TABLE (ordinal INTEGER, was_there BOOLEAN, stored_update_id BIGINT, new_seq BIGINT, new_prev_hash TEXT,
               new_entry_hash TEXT)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    m JSONB;
    v_chat_type TEXT;
    v_chat_id BIGINT;
    v_person_id BIGINT;
    v_message_id BIGINT;
    v_sender_id BIGINT;
BEGIN
    ordinal := 0;
    FOR m IN SELECT value FROM jsonb_array_elements(p_messages::jsonb) WITH ORDINALITY ORDER BY ordinality LOOP
        ordinal := ordinal + 1;
        v_chat_type := m->>0;
        v_person_id := (m->>3)::BIGINT;
        v_chat_id := (m->>9)::BIGINT;
        v_message_id := (m->>10)::BIGINT;
        v_sender_id := (m->>12)::BIGINT;
        -- The chat's facts (NULL: noted already by an earlier message of the batch), as 0016 notes them.
        IF v_chat_type IS NOT NULL
           AND NOT EXISTS (SELECT FROM chats c WHERE c.chat_id = v_chat_id AND c.type = v_chat_type
                           AND c.title IS NOT DISTINCT FROM m->>1 AND c.username IS NOT DISTINCT FROM m->>2) THEN
            INSERT INTO chats AS c (chat_id, type, title, username, first_seen_at, updated_at)
                VALUES (v_chat_id, v_chat_type, m->>1, m->>2, p_recorded_at, p_recorded_at)
                ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type, title = excluded.title,
                    username = excluded.username, updated_at = excluded.updated_at
                WHERE c.type IS DISTINCT FROM excluded.type OR c.title IS DISTINCT FROM excluded.title
                    OR c.username IS DISTINCT FROM excluded.username;
        END IF;
        -- The sender's facts (NULL: no sender, or noted already).
        IF v_person_id IS NOT NULL
           AND NOT EXISTS (SELECT FROM users u WHERE u.user_id = v_person_id AND u.first_name IS NOT DISTINCT FROM m->>5
                           AND u.last_name IS NOT DISTINCT FROM m->>6 AND u.username IS NOT DISTINCT FROM m->>7
                           AND u.language_code IS NOT DISTINCT FROM m->>8) THEN
            INSERT INTO users AS u (user_id, is_bot, first_name, last_name, username, language_code, first_seen_at,
                                    updated_at)
                VALUES (v_person_id, (m->>4)::INTEGER, m->>5, m->>6, m->>7, m->>8, p_recorded_at, p_recorded_at)
                ON CONFLICT (user_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
                    username = excluded.username, language_code = excluded.language_code,
                    updated_at = excluded.updated_at
                WHERE u.first_name IS DISTINCT FROM excluded.first_name OR u.last_name IS DISTINCT FROM excluded.last_name
                    OR u.username IS DISTINCT FROM excluded.username
                    OR u.language_code IS DISTINCT FROM excluded.language_code;
        END IF;
        -- The message, once (samvad_record_message's steps).
        SELECT s.update_id INTO stored_update_id FROM messages s
            WHERE s.chat_id = v_chat_id AND s.message_id = v_message_id;
        IF FOUND THEN
            was_there := true;
            new_seq := NULL;
            new_prev_hash := NULL;
            new_entry_hash := NULL;
        ELSE
            was_there := false;
            SELECT a.new_seq, a.new_prev_hash, a.new_entry_hash INTO new_seq, new_prev_hash, new_entry_hash
                FROM samvad_journal_append(p_lock_key, p_recorded_at, v_chat_id, v_sender_id, 'message', m->>19,
                                           m->>20, m->>21) AS a;
            INSERT INTO messages (chat_id, message_id, update_id, sender_id, sent_at, kind, text, reply_to_message_id,
                                  forwarded_from, forwarded_at, journal_seq)
                VALUES (v_chat_id, v_message_id, (m->>11)::BIGINT, v_sender_id, m->>13, m->>14, m->>15,
                        (m->>16)::BIGINT, m->>17, m->>18, new_seq);
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;
