-- 0007: a flag's tier, and when a forwarded message was first sent.
--
-- tier 'act': the filter was sure enough for the group's policy to act (warn, delete, notify).
-- tier 'review': a doubtful case: nothing was said or removed in the group; the flag went quietly
-- to the group's admin posts for review. Such a flag's warning is 'dropped' (none is ever given).
ALTER TABLE flags ADD COLUMN tier TEXT NOT NULL DEFAULT 'act' CHECK (tier IN ('act', 'review'));

-- A forwarded message's original date, as Telegram gives it (forward_origin.date); forwarded_from
-- already names the original sender.
ALTER TABLE messages ADD COLUMN forwarded_at TEXT;

-- On a flag the policy acted on: the labels the filter also gave, but only as doubtful (JSON list).
-- They are never named to the member; the admin posts are told of them for quiet review.
ALTER TABLE flags ADD COLUMN also_doubtful TEXT NOT NULL DEFAULT '[]';
