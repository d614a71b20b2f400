-- 0023: a call settled and the chat's next one taken in one statement instead of two (storage/outbox.py's
-- settle_in, whose SQLite path runs the same steps one statement at a time): the call marked sent (with Telegram's
-- answer) or failed (with the error), as mark_sent and mark_failed do; then, with p_take (1), the chat's next due call
-- taken as migration 0022's samvad_next_call takes it (claim renewed, call read, claim let go if nothing is due,
-- a post marked in flight), or with p_take 0 the holder's claim of the chat let go.
CREATE FUNCTION samvad_settle_call(p_outbox_id BIGINT, p_result TEXT, p_error TEXT, p_at TEXT, p_chat_id BIGINT,
                                   p_holder TEXT, p_take INTEGER, p_until TEXT, p_now TEXT,
                                   p_posting_prefixes TEXT[], p_not_posting TEXT[])
RETURNS TABLE (call_id BIGINT, call_chat_id BIGINT, call_method TEXT, call_params TEXT, call_purpose TEXT,
               call_attempts INTEGER, call_not_before TEXT, call_in_flight_after BIGINT)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF p_error IS NULL THEN
        UPDATE outbox AS o SET state = 'sent', attempts = o.attempts + 1, completed_at = p_at, result = p_result,
                               in_flight_after = NULL
            WHERE o.id = p_outbox_id;
    ELSE
        UPDATE outbox AS o SET state = 'failed', attempts = o.attempts + 1, last_error = p_error, completed_at = p_at,
                               in_flight_after = NULL
            WHERE o.id = p_outbox_id;
    END IF;
    IF p_take <> 0 THEN
        RETURN QUERY SELECT * FROM samvad_next_call(p_chat_id, p_holder, p_until, p_now, p_posting_prefixes,
                                                    p_not_posting);
    ELSE
        DELETE FROM outbox_chat_claims AS c WHERE c.chat_id = p_chat_id AND c.holder = p_holder;
    END IF;
END
$$;
