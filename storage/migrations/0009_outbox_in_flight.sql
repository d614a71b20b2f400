-- 0007: a call that posts a message is marked in flight before it is sent, with the highest message id the
-- bot then knew in its chat. A crash or a timeout leaves the mark: Telegram may have posted the message
-- though the bot never heard back, so the next attempt first looks for it after that id (posting it again
-- only if it is not there) instead of posting it twice.
ALTER TABLE outbox ADD COLUMN in_flight_after INTEGER;
