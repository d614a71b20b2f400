-- 0022: a chat's next owed call taken in one statement instead of three (storage/outbox.py's next_call_in, whose
-- SQLite path runs the same steps one statement at a time): the chat claimed (or the claim renewed) for the holder,
-- its next pending call read (most urgent, then oldest), the claim let go again if nothing is due, and a call that
-- posts a message marked in flight with the highest message id known in the chat (the expression of migration
-- 0014's index, so the planner uses it). Which methods post a message is the caller's rule, given as the names'
-- prefixes and exceptions (lower case). The call is answered as it was before the mark (an earlier attempt's mark
-- tells the deliverer to look for that attempt's message first); no row when the chat is another holder's or
-- nothing is due.
CREATE FUNCTION samvad_next_call(p_chat_id BIGINT, p_holder TEXT, p_until TEXT, p_now TEXT,
                                 p_posting_prefixes TEXT[], p_not_posting TEXT[])
RETURNS TABLE (call_id BIGINT, call_chat_id BIGINT, call_method TEXT, call_params TEXT, call_purpose TEXT,
               call_attempts INTEGER, call_not_before TEXT, call_in_flight_after BIGINT)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    owed outbox%ROWTYPE;
    method_name TEXT;
BEGIN
    INSERT INTO outbox_chat_claims AS held (chat_id, holder, until) VALUES (p_chat_id, p_holder, p_until)
        ON CONFLICT (chat_id) DO UPDATE SET holder = excluded.holder, until = excluded.until
        WHERE held.holder = excluded.holder OR held.until <= p_now;
    IF NOT FOUND THEN
        RETURN;  -- another holder's claim has not lapsed
    END IF;
    SELECT * INTO owed FROM outbox AS o WHERE o.state = 'pending' AND o.chat_id = p_chat_id
        ORDER BY o.priority, o.id LIMIT 1;
    IF NOT FOUND OR owed.not_before > p_now THEN
        DELETE FROM outbox_chat_claims AS c WHERE c.chat_id = p_chat_id AND c.holder = p_holder;
        RETURN;
    END IF;
    method_name := lower(owed.method);
    IF p_chat_id <> 0 AND NOT method_name = ANY (p_not_posting)
            AND EXISTS (SELECT 1 FROM unnest(p_posting_prefixes) AS prefix WHERE starts_with(method_name, prefix)) THEN
        UPDATE outbox AS o SET in_flight_after = coalesce(o.in_flight_after, (SELECT GREATEST(
            coalesce((SELECT max(m.message_id) FROM messages AS m WHERE m.chat_id = p_chat_id), 0),
            coalesce((SELECT CAST((s.result::jsonb ->> 'message_id') AS BIGINT) FROM outbox AS s
                      WHERE s.chat_id = p_chat_id AND s.state = 'sent'
                        AND CAST((s.result::jsonb ->> 'message_id') AS BIGINT) IS NOT NULL
                      ORDER BY CAST((s.result::jsonb ->> 'message_id') AS BIGINT) DESC LIMIT 1), 0))))
            WHERE o.id = owed.id AND o.state = 'pending';
    END IF;
    RETURN QUERY SELECT owed.id, owed.chat_id, owed.method, owed.params, owed.purpose, owed.attempts, owed.not_before,
                        owed.in_flight_after;
END
$$;
