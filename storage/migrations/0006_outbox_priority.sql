-- 0006: owed calls carry a priority. Within a chat the most urgent go first (removing a leak,
-- admitting a member), then warnings, then everything else; equal priorities keep their order.
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 2;
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (chat_id, priority, id) WHERE state = 'pending';
