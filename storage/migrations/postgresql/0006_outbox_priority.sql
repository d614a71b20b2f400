-- 0006 (PostgreSQL twin of ../0006_outbox_priority.sql): owed calls carry a priority.
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 2;
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (chat_id, priority, id) WHERE state = 'pending';
