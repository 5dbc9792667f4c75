-- Fix of 20261201001100_create_applications.sql: a person with an outcome record could not delete
-- their account (152-ФЗ). Deleting the account deletes the profile, which deletes the person's
-- applications (on delete cascade), but employments, practice_placements, stipend_awards and
-- target_agreements referenced the application with no action: the deletion failed with a
-- foreign-key error. Outcome records are never deleted (the city counts them) and already lose the
-- person (person_id / student_id on delete set null): they now lose the application link the same way.

alter table public.employments
  drop constraint employments_application_id_fkey,
  add constraint employments_application_id_fkey
    foreign key (application_id) references public.applications (id) on delete set null;

alter table public.practice_placements
  drop constraint practice_placements_application_id_fkey,
  add constraint practice_placements_application_id_fkey
    foreign key (application_id) references public.applications (id) on delete set null;

alter table public.stipend_awards
  drop constraint stipend_awards_application_id_fkey,
  add constraint stipend_awards_application_id_fkey
    foreign key (application_id) references public.applications (id) on delete set null;

alter table public.target_agreements
  drop constraint target_agreements_application_id_fkey,
  add constraint target_agreements_application_id_fkey
    foreign key (application_id) references public.applications (id) on delete set null;
