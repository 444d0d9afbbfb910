-- The audit chain's head (the last entry's seq and hash) is always read through the primary key. The function's
-- plan is cached per connection: made while audit_entries was small (a new school's first hour, every test and
-- benchmark database), it was a sequential scan and sort of the whole table, kept for the life of the connection
-- while the table grew, about 1 ms per append at 20,000 entries. With sequential scans priced out inside the
-- function, the plan is the backward index scan whatever the statistics said when it was made.
ALTER FUNCTION haven_audit_append(jsonb) SET enable_seqscan = off;
