-- Two rules written on parallel branches that met only when they were merged:
--
-- 1. A practice placement imported from a university's or the administration's register (import_id
--    set) carries the order number the register has, but not always the order's date, and never the
--    employer's supervisor: the paper trail of those practices is the register row itself. The
--    checks «an order once confirmed» and «a supervisor once accepted» (20261201003010) are for
--    placements run on the platform; an imported one is exempt, like an imported hire is exempt from
--    the graduate's click (20261201004100).
alter table public.practice_placements drop constraint confirmed_has_order;
alter table public.practice_placements add constraint confirmed_has_order check (
  status in ('awaiting_university', 'cancelled') or import_id is not null
  or (order_number is not null and order_date is not null));
alter table public.practice_placements drop constraint accepted_has_supervisor;
alter table public.practice_placements add constraint accepted_has_supervisor check (
  status in ('awaiting_university', 'confirmed', 'cancelled') or import_id is not null
  or (employer_supervisor_name is not null and employer_supervisor_email is not null));

-- 2. Saved-search alerts look for new postings exactly as a visitor would (SET LOCAL ROLE anon) and
--    match the query against the full-text vector. When the contacts were taken out of anon's
--    columns (20261201000200), the vector was left out with them; it is made of the title and the
--    description, which anon reads anyway.
grant select (search_vector) on public.opportunities to anon;

-- 3. The same for a target-training agreement imported from a register (signed on paper): the three
--    signatures in the platform are for agreements made here.
alter table public.target_agreements drop constraint in_force_has_three_signatures;
alter table public.target_agreements add constraint in_force_has_three_signatures check (
  status not in ('in_force', 'fulfilled') or import_id is not null
  or (employer_signed_at is not null and student_signed_at is not null and university_signed_at is not null));
