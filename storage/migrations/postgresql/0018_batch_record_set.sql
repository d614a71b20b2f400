-- 0018: a batch of group messages is recorded by a few statements for the whole batch, not a dozen a message.
--
-- Migration 0017's samvad_record_group_messages ran, for each message, its look-up, the chat's and the sender's
-- checks, a call of samvad_journal_append (the chain's lock, its head, two inserts) and the message's insert: each
-- statement inside PL/pgSQL starts and ends an executor, about as dear as the row it writes. Measured with
-- pg_stat_statements over 3,000 messages of `samvad bench` (3 Dec 2026): the batch record was ~37% of the server's
-- statement time, and its nested statements ~12 a message. Here the batch is read once, and each step is one
-- statement for the batch: the chats' facts, the senders' facts, the look-up of what is stored, the chain's lock and
-- head, then (after the hashes are computed in a loop of expressions, no statements) one insert each into journal,
-- journal_bodies and messages, in the batch's order.
--
-- The same records as 0017 (tests/storage compare them on both backends):
-- - A message already stored, or a second copy of one earlier in the same batch, is not written again: its row
--   says was_there with the stored update id (the earlier copy's, as 0017's loop found the row it had just written).
-- - The journal entries are the same links as samvad_journal_append (migration 0013, still the one definition for a
--   single entry) makes one at a time: the chain's advisory lock is taken before the head is read, on a statement of
--   its own (READ COMMITTED: it sees what other instances committed before the lock was granted); the hash is
--   SHA-256 of the previous hash, a newline and the header with its seq. The lock is taken only when the batch has a
--   new message, as before.
-- - A chat's or a sender's facts: the last given in the batch is what is stored (as the loop left it), written only
--   where it differs from the stored row. (One difference, on purpose: a fact changed and changed back within one
--   batch, X -> Y -> X, writes nothing here, where the loop wrote twice and moved updated_at.)
-- - Rows go in in the batch's order (messages' ids follow the journal's seqs, as before).
CREATE FUNCTION samvad_record_group_messages_set(p_lock_key BIGINT, p_recorded_at TEXT, p_messages TEXT)
RETURNS TABLE (ordinal INTEGER, was_there BOOLEAN, stored_update_id BIGINT, new_seq BIGINT, new_prev_hash TEXT,
               new_entry_hash TEXT)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    batch JSONB := p_messages::jsonb;
    n INTEGER;
    m JSONB;
    there BOOLEAN[];
    stored BIGINT[];
    fresh INTEGER := 0;
    head_seq BIGINT;
    head_hash TEXT;
    seqs BIGINT[] := '{}';
    prevs TEXT[] := '{}';
    hashes TEXT[] := '{}';
    places INTEGER[] := '{}';
    i INTEGER;
BEGIN
    n := jsonb_array_length(batch);
    IF n = 0 THEN
        RETURN;
    END IF;
    -- The chats' facts (a chat type NULL: noted already), the last given per chat, written where they differ.
    INSERT INTO chats AS c (chat_id, type, title, username, first_seen_at, updated_at)
        SELECT f.chat_id, f.type, f.title, f.username, p_recorded_at, p_recorded_at
        FROM (SELECT DISTINCT ON ((e.m->>9)::BIGINT) (e.m->>9)::BIGINT AS chat_id, e.m->>0 AS type,
                     e.m->>1 AS title, e.m->>2 AS username
              FROM jsonb_array_elements(batch) WITH ORDINALITY AS e(m, o)
              WHERE e.m->>0 IS NOT NULL
              ORDER BY (e.m->>9)::BIGINT, e.o DESC) AS f
        WHERE (SELECT s.chat_id FROM chats s WHERE s.chat_id = f.chat_id AND s.type = f.type
               AND s.title IS NOT DISTINCT FROM f.title AND s.username IS NOT DISTINCT FROM f.username) IS NULL
        ORDER BY f.chat_id
        ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type, title = excluded.title,
            username = excluded.username, updated_at = excluded.updated_at
        WHERE c.type IS DISTINCT FROM excluded.type OR c.title IS DISTINCT FROM excluded.title
            OR c.username IS DISTINCT FROM excluded.username;
    -- The senders' facts (a person id NULL: no sender, or noted already), the same way.
    INSERT INTO users AS u (user_id, is_bot, first_name, last_name, username, language_code, first_seen_at, updated_at)
        SELECT f.user_id, f.is_bot, f.first_name, f.last_name, f.username, f.language_code, p_recorded_at,
               p_recorded_at
        FROM (SELECT DISTINCT ON ((e.m->>3)::BIGINT) (e.m->>3)::BIGINT AS user_id, (e.m->>4)::INTEGER AS is_bot,
                     e.m->>5 AS first_name, e.m->>6 AS last_name, e.m->>7 AS username, e.m->>8 AS language_code
              FROM jsonb_array_elements(batch) WITH ORDINALITY AS e(m, o)
              WHERE e.m->>3 IS NOT NULL
              ORDER BY (e.m->>3)::BIGINT, e.o DESC) AS f
        WHERE (SELECT s.user_id FROM users s WHERE s.user_id = f.user_id
               AND s.first_name IS NOT DISTINCT FROM f.first_name AND s.last_name IS NOT DISTINCT FROM f.last_name
               AND s.username IS NOT DISTINCT FROM f.username
               AND s.language_code IS NOT DISTINCT FROM f.language_code) IS NULL
        ORDER BY f.user_id
        ON CONFLICT (user_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
            username = excluded.username, language_code = excluded.language_code, updated_at = excluded.updated_at
        WHERE u.first_name IS DISTINCT FROM excluded.first_name OR u.last_name IS DISTINCT FROM excluded.last_name
            OR u.username IS DISTINCT FROM excluded.username OR u.language_code IS DISTINCT FROM excluded.language_code;
    -- What is stored already: a row of messages, or an earlier copy in this batch (its update id).
    SELECT array_agg(b.row_id IS NOT NULL OR b.first_o < b.o ORDER BY b.o),
           array_agg(CASE WHEN b.row_id IS NOT NULL THEN b.update_id WHEN b.first_o < b.o THEN b.first_u END
                     ORDER BY b.o)
        INTO there, stored
        FROM (SELECT k.o, first_value(k.o) OVER w AS first_o, first_value(k.new_update_id) OVER w AS first_u,
                     (SELECT s.id FROM messages s WHERE s.chat_id = k.chat_id AND s.message_id = k.message_id) AS row_id,
                     (SELECT s.update_id FROM messages s WHERE s.chat_id = k.chat_id AND s.message_id = k.message_id)
                         AS update_id
              FROM (SELECT e.o, (e.m->>9)::BIGINT AS chat_id, (e.m->>10)::BIGINT AS message_id,
                           (e.m->>11)::BIGINT AS new_update_id
                    FROM jsonb_array_elements(batch) WITH ORDINALITY AS e(m, o)) AS k
              WINDOW w AS (PARTITION BY k.chat_id, k.message_id ORDER BY k.o)) AS b;
    FOR i IN 1 .. n LOOP
        IF NOT there[i] THEN
            fresh := fresh + 1;
        END IF;
    END LOOP;
    IF fresh > 0 THEN
        -- The chain's lock, then its head on a snapshot taken after the lock is held (migration 0013).
        PERFORM pg_advisory_xact_lock(p_lock_key);
        SELECT j.seq, j.entry_hash INTO head_seq, head_hash FROM journal j ORDER BY j.seq DESC LIMIT 1;
        head_seq := coalesce(head_seq, 0);
        head_hash := coalesce(head_hash, repeat('0', 64));
        FOR i IN 1 .. n LOOP
            IF NOT there[i] THEN
                m := batch->(i - 1);
                head_seq := head_seq + 1;
                places := places || i;
                seqs := seqs || head_seq;
                prevs := prevs || head_hash;
                head_hash := encode(sha256(convert_to(head_hash || E'\n' || (m->>20) || head_seq::TEXT || '}', 'UTF8')),
                                    'hex');
                hashes := hashes || head_hash;
            END IF;
        END LOOP;
        INSERT INTO journal (seq, recorded_at, chat_id, actor_id, kind, body_hash, prev_hash, entry_hash)
            SELECT t.seq, p_recorded_at, (batch->(t.place - 1)->>9)::BIGINT, (batch->(t.place - 1)->>12)::BIGINT,
                   'message', batch->(t.place - 1)->>19, t.prev, t.hash
            FROM unnest(places, seqs, prevs, hashes) AS t(place, seq, prev, hash)
            ORDER BY t.seq;
        INSERT INTO journal_bodies (seq, body)
            SELECT t.seq, batch->(t.place - 1)->>21
            FROM unnest(places, seqs) AS t(place, seq)
            ORDER BY t.seq;
        INSERT INTO messages (chat_id, message_id, update_id, sender_id, sent_at, kind, text, reply_to_message_id,
                              forwarded_from, forwarded_at, journal_seq)
            SELECT (r.m->>9)::BIGINT, (r.m->>10)::BIGINT, (r.m->>11)::BIGINT, (r.m->>12)::BIGINT, r.m->>13, r.m->>14,
                   r.m->>15, (r.m->>16)::BIGINT, r.m->>17, r.m->>18, r.seq
            FROM (SELECT batch->(t.place - 1) AS m, t.seq FROM unnest(places, seqs) AS t(place, seq)) AS r
            ORDER BY r.seq;
    END IF;
    fresh := 0;
    FOR i IN 1 .. n LOOP
        ordinal := i;
        was_there := there[i];
        IF was_there THEN
            stored_update_id := stored[i];
            new_seq := NULL;
            new_prev_hash := NULL;
            new_entry_hash := NULL;
        ELSE
            fresh := fresh + 1;
            stored_update_id := NULL;
            new_seq := seqs[fresh];
            new_prev_hash := prevs[fresh];
            new_entry_hash := hashes[fresh];
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;
