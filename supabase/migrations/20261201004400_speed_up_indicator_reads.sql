-- The indicators at city scale (issue 9, speed; `npm run bench:indicators`): two fixes found with
-- EXPLAIN ANALYZE of the indicator functions over 200 000 placements, 50 000 hires, 20 000 stipends
-- and 5 000 target agreements with 500 000 outcome_events. Function bodies are unchanged.

-- 1. An administrator's read of outcome_events ran the per-row check of "events of outcomes I may
-- read" (can_read_outcome: four lookups per row) before the cheap "administration sees outcome
-- events": Postgres joins permissive policies with OR in the order of their names, descending, and
-- an OR stops only at its first true arm. target agreements' fact read the in-force moves through it:
-- 5.5 s for 5 000 agreements. The same policy now asks the once-per-query administrator check
-- first, so an administrator never reaches the per-row check; everyone else reads as before.
drop policy "events of outcomes I may read" on public.outcome_events;
create policy "events of outcomes I may read" on public.outcome_events for select to authenticated
  using ((select app_private.is_admin()) or (select app_private.can_read_outcome(record_type, record_id)));

-- 2. The records functions return one row per counted record (tens of thousands a year at city
-- scale), not the 1 000 the planner assumes of a function: with the default it sorted and grouped
-- their rows as if they were few.
alter function app_private.indicator_rows_organized_practices(uuid) rows 100000;
alter function app_private.indicator_rows_graduates_hired(uuid) rows 50000;
alter function app_private.indicator_rows_employer_stipend_students(uuid) rows 20000;
alter function app_private.indicator_rows_student_employer_agreements(uuid) rows 5000;
