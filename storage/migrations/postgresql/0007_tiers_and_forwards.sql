-- 0007 (PostgreSQL twin of ../0007_tiers_and_forwards.sql): a flag's tier, when a forwarded message
-- was first sent, and the labels also given only as doubtful.
ALTER TABLE flags ADD COLUMN tier TEXT NOT NULL DEFAULT 'act' CHECK (tier IN ('act', 'review'));
ALTER TABLE messages ADD COLUMN forwarded_at TEXT;
ALTER TABLE flags ADD COLUMN also_doubtful TEXT NOT NULL DEFAULT '[]';
