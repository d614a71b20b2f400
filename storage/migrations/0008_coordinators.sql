-- 0007: disaster coordinators. A post may coordinate for the state ('state') or for one
-- district (its canonical name); '' for the posts that do not. The right belongs to the
-- post, so it passes with the post at a transfer.
ALTER TABLE posts ADD COLUMN coordinator TEXT NOT NULL DEFAULT '';
