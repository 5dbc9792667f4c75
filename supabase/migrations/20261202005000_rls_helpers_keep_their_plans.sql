-- The helpers that Row Level Security policies and the write functions call on (nearly) every
-- request of a signed-in person were `language sql ... security definer set search_path = ''`.
-- Such a function cannot be inlined (SECURITY DEFINER and SET forbid it), and Postgres 17 plans a
-- non-inlined SQL function's query anew on every call: measured in one session, 5 000 calls in a
-- loop, app_private.my_profile() took 109 µs a call and my_organization_ids() 90 µs, against 15 µs
-- and 17 µs for the same query in PL/pgSQL, which keeps its plan for the session. Policies that call
-- a helper per row (can_read_outcome, file_sent_to_me, employer_is_verified, contract_scan_readable)
-- paid that for every row they looked at.
--
-- Each helper below keeps its name, arguments, result, volatility, SECURITY DEFINER, empty
-- search_path and grants (create or replace keeps them); only the language changes, and the query
-- is the one of the migration that last defined it, word for word.

create or replace function app_private.is_admin() returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (
    select from public.profiles p
    where p.id = (select auth.uid()) and p.role = 'administrator'
  );
end;
$$;

create or replace function app_private.my_organization_ids() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select m.organization_id from public.memberships m where m.profile_id = (select auth.uid());
end;
$$;

create or replace function app_private.my_university_ids() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select m.organization_id
    from public.memberships m
    join public.organizations o on o.id = m.organization_id and o.kind = 'university'
    where m.profile_id = (select auth.uid());
end;
$$;

create or replace function app_private.is_member_of(p_organization_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (
    select from public.memberships m
    where m.profile_id = (select auth.uid()) and m.organization_id = p_organization_id
  );
end;
$$;

create or replace function app_private.my_profile() returns public.profiles
language plpgsql stable security definer
set search_path = ''
as $$
begin
  -- no row (nobody signed in, or no profile): a null, as the SQL function gave
  return (select p from public.profiles p where p.id = (select auth.uid()));
end;
$$;

create or replace function app_private.colleague_ids() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select other.profile_id
    from public.memberships mine
    join public.memberships other on other.organization_id = mine.organization_id
    where mine.profile_id = (select auth.uid());
end;
$$;

create or replace function app_private.my_event_ids() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select e.id from public.events e where e.organization_id in (select app_private.my_organization_ids());
end;
$$;

create or replace function app_private.my_contract_ids() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select c.id from public.partnership_contracts c
     where c.employer_id in (select app_private.my_organization_ids())
        or c.university_id in (select app_private.my_organization_ids());
end;
$$;

create or replace function app_private.my_applied_opportunity_ids() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select a.opportunity_id from public.applications a where a.applicant_id = (select auth.uid());
end;
$$;

create or replace function app_private.my_students_practice_opportunity_ids() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select a.opportunity_id from public.applications a
    where a.kind = 'practice' and a.university_id in (select app_private.my_university_ids());
end;
$$;

create or replace function app_private.readable_application_ids() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select a.id from public.applications a where a.applicant_id = (select auth.uid())
    union all
    select a.id from public.applications a where a.organization_id in (select app_private.my_organization_ids());
end;
$$;

create or replace function app_private.employer_is_verified(p_organization_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (
    select from public.organizations
    where id = p_organization_id and kind = 'employer' and verification_status = 'verified'
  );
end;
$$;

create or replace function app_private.file_sent_to_me(p_file_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (
    select from public.application_documents d
    join public.applications a on a.id = d.application_id
    where d.attachment_id = p_file_id
      and a.organization_id in (select app_private.my_organization_ids())
  );
end;
$$;

create or replace function app_private.contract_scan_readable(p_file_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (
    select from public.partnership_contracts c
     where c.scan_file_id = p_file_id
       and (c.employer_id in (select app_private.my_organization_ids())
            or c.university_id in (select app_private.my_organization_ids())));
end;
$$;

create or replace function app_private.can_read_outcome(p_type text, p_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return case p_type
    when 'employment' then exists (select from public.employments e where e.id = p_id and (
      e.person_id = (select auth.uid()) or e.organization_id in (select app_private.my_organization_ids())
      or e.person_id in (select p.id from public.profiles p where p.university_id in (select app_private.my_university_ids()))))
    when 'practice_placement' then exists (select from public.practice_placements x where x.id = p_id and (
      x.student_id = (select auth.uid()) or x.organization_id in (select app_private.my_organization_ids())
      or x.university_id in (select app_private.my_organization_ids())))
    when 'stipend_award' then exists (select from public.stipend_awards x where x.id = p_id and (
      x.student_id = (select auth.uid()) or x.organization_id in (select app_private.my_organization_ids())
      or x.university_id in (select app_private.my_organization_ids())))
    when 'target_agreement' then exists (select from public.target_agreements x where x.id = p_id and (
      x.student_id = (select auth.uid()) or x.organization_id in (select app_private.my_organization_ids())
      or x.university_id in (select app_private.my_organization_ids())))
    else false
  end or app_private.is_admin();
end;
$$;

create or replace function app_private.student_is_confirmed(p_profile_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (
    select from public.profiles p
    where p.id = p_profile_id and p.role in ('student', 'graduate') and p.university_id is not null
      and p.enrolment_status = 'confirmed'
  );
end;
$$;

create or replace function app_private.target_agreement_party(p public.target_agreements) returns text
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return case
    when p.student_id = (select auth.uid()) then 'student'
    when p.university_id in (select app_private.my_university_ids()) then 'university'
    when p.organization_id in (select app_private.my_organization_ids()) then 'employer'
  end;
end;
$$;
