-- Working days (Monday to Friday) strictly between two calendar dates: the days that passed in
-- full after the first and before the second. An application sent on Monday has waited 3 working
-- days on Friday (Tuesday, Wednesday, Thursday); one sent on Friday, on Thursday. Public holidays
-- are not known here and count as working days (the reminder then comes a day early, never late).
-- The employer's daily digest of unanswered applications (send_employer_pending_digests) uses it.

create function app_private.working_days_between(p_from date, p_to date) returns integer
language sql immutable parallel safe
set search_path = ''
as $$
  select count(*)::integer
  from generate_series((p_from + 1)::timestamp, (p_to - 1)::timestamp, interval '1 day') as d
  where extract(isodow from d) < 6;
$$;

revoke all on function app_private.working_days_between(date, date) from public;
grant execute on function app_private.working_days_between(date, date) to service_role;
