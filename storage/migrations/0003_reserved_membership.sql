-- 0003 is the membership migration's number. Until that branch lands, this empty
-- placeholder keeps the sequence unbroken so 0004 can be applied; delete it when the
-- membership migration arrives (numbers are made consecutive at merge).
SELECT 1;
