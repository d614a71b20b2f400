-- 0009 (PostgreSQL twin of ../0009_outbox_in_flight.sql): a call that posts a message is marked in
-- flight before it is sent, with the highest message id the bot then knew in its chat.
ALTER TABLE outbox ADD COLUMN in_flight_after BIGINT;
