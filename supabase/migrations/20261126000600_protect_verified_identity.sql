-- What the administration verified stays verified: a verified employer cannot rename itself (a new
-- name goes back to the administration's queue), and anonymous visitors see only the public
-- columns of organizations, not who verified them or the notes of the decision.

-- Not security definer: current_user must be the caller's role.
create function app_private.guard_verified_name() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.name is distinct from old.name
     and old.kind = 'employer'
     and old.verification_status = 'verified'
     and current_user = 'authenticated'
     and not app_private.is_admin() then
    new.verification_status := 'pending';
    new.verified_at := null;
    new.verification_note := 'Организация сменила название: нужна повторная проверка';
  end if;
  return new;
end;
$$;
create trigger organizations_guard_verified_name before update on public.organizations
  for each row execute function app_private.guard_verified_name();

revoke select on public.organizations from anon;
grant select (id, kind, name, short_name, inn, industry_code, district_code, address, website, description,
              verification_status, created_at)
  on public.organizations to anon;
