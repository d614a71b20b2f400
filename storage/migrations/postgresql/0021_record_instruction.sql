-- 0021: an instruction is written in one statement: its journal entry (migration 0013's append, with the chain's
-- lock), its row, its addressees, the calls owed for its Acknowledge prompt and its reminder, instead of five or
-- more statements, each a round trip of the writer connection (storage/instructions.py's _create_on_server; its
-- SQLite twin, _create_here, writes the same rows). The caller has taken the instruction's id from the identity
-- sequence already, so the prompt's button and the reminder name it; the caller checks the entry's hash it gets
-- back. A call whose dedupe key is owed already is skipped, as storage/outbox.py's enqueue does; a reminder with a
-- key already scheduled is moved to the new time, as storage/tasks.py's schedule does.
CREATE FUNCTION samvad_record_instruction(
    p_lock_key BIGINT, p_recorded_at TEXT, p_journal_chat_id BIGINT, p_actor_id BIGINT, p_entry_kind TEXT,
    p_body_hash TEXT, p_header_before_seq TEXT, p_body TEXT,
    p_id BIGINT, p_chat_id BIGINT, p_message_id BIGINT, p_author_id BIGINT, p_kind TEXT, p_due_at TEXT,
    p_due_text TEXT, p_whole_group INTEGER, p_incident_id BIGINT, p_created_at TEXT,
    p_posts TEXT[], p_users BIGINT[],
    p_call_keys TEXT[], p_call_chats BIGINT[], p_call_methods TEXT[], p_call_params TEXT[], p_call_purposes TEXT[],
    p_call_times TEXT[], p_call_priorities INTEGER[],
    p_task_kind TEXT, p_task_key TEXT, p_task_payload TEXT, p_task_due_at TEXT)
RETURNS TABLE (new_seq BIGINT, new_prev_hash TEXT, new_entry_hash TEXT)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    SELECT a.new_seq, a.new_prev_hash, a.new_entry_hash INTO new_seq, new_prev_hash, new_entry_hash
        FROM samvad_journal_append(p_lock_key, p_recorded_at, p_journal_chat_id, p_actor_id, p_entry_kind,
                                   p_body_hash, p_header_before_seq, p_body) AS a;
    INSERT INTO instructions (id, chat_id, message_id, author_id, kind, due_at, due_text, whole_group, incident_id,
                              created_at, journal_seq)
        VALUES (p_id, p_chat_id, p_message_id, p_author_id, p_kind, p_due_at, p_due_text, p_whole_group,
                p_incident_id, p_created_at, new_seq);
    INSERT INTO instruction_addressees (instruction_id, post_id, user_id)
        SELECT p_id, post.post_id, NULL FROM unnest(p_posts) WITH ORDINALITY AS post (post_id, n)
        UNION ALL
        SELECT p_id, NULL, account.user_id FROM unnest(p_users) WITH ORDINALITY AS account (user_id, n);
    INSERT INTO outbox (dedupe_key, chat_id, method, params, purpose, created_at, not_before, priority)
        SELECT c.dedupe_key, c.chat_id, c.method, c.params, c.purpose, c.at, c.at, c.priority
        FROM unnest(p_call_keys, p_call_chats, p_call_methods, p_call_params, p_call_purposes, p_call_times,
                    p_call_priorities) WITH ORDINALITY AS c (dedupe_key, chat_id, method, params, purpose, at, priority, n)
        ORDER BY c.n
        ON CONFLICT DO NOTHING;
    IF p_task_kind IS NOT NULL THEN
        INSERT INTO tasks (kind, dedupe_key, payload, due_at) VALUES (p_task_kind, p_task_key, p_task_payload, p_task_due_at)
            ON CONFLICT (dedupe_key) DO UPDATE
            SET due_at = excluded.due_at, payload = excluded.payload, state = 'pending', completed_at = NULL;
    END IF;
    RETURN NEXT;
END
$$;
