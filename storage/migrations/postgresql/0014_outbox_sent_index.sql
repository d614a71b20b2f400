-- 0014 (PostgreSQL twin of ../0014_outbox_sent_index.sql): the highest message id a chat's sent calls
-- posted, found by an index instead of a scan of every sent call before each send. The expression is
-- written exactly as storage/dialect.py rewrites the queries of storage/outbox.py, so the planner matches it.
CREATE INDEX outbox_sent_message
    ON outbox (chat_id, (CAST((result::jsonb ->> 'message_id') AS BIGINT))) WHERE state = 'sent';
