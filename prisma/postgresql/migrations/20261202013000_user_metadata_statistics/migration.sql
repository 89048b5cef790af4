-- Statistics on the (key, value) pair of metadata entries. A value belongs to one key
-- ("pro" only ever to "plan"), so the per-column statistics, multiplied as if independent,
-- underestimate how many users hold a pair, and the planner then sorts every holder of two
-- common values instead of walking the sort index. The Prisma schema has no way to declare
-- this, so it lives in the migration only. ANALYZE (autovacuum) fills it.
-- (No semicolons in these comments: the migration runner splits statements on them.)
CREATE STATISTICS "UserMetadata_key_value_stats" ON "key", "value" FROM "UserMetadata";
