-- 0008 (PostgreSQL twin of ../0008_coordinators.sql): disaster coordinators ('state', a district, or '').
ALTER TABLE posts ADD COLUMN coordinator TEXT NOT NULL DEFAULT '';
