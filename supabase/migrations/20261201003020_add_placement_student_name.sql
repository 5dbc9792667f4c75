-- The student's name on the placement: the employer and the supervisor's page show it, and an
-- employer never reads students' profiles (RLS). Copied when the placement is created, like
-- applications.applicant_name.
alter table public.practice_placements add column student_name text;

create function app_private.fill_placement_student_name() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.student_name is null and new.student_id is not null then
    select p.full_name into new.student_name from public.profiles p where p.id = new.student_id;
  end if;
  return new;
end;
$$;
revoke all on function app_private.fill_placement_student_name() from public;
create trigger practice_placements_student_name before insert on public.practice_placements
  for each row execute function app_private.fill_placement_student_name();

update public.practice_placements x set student_name = p.full_name
  from public.profiles p where p.id = x.student_id and x.student_name is null;
