-- Employers invite colleagues. Until now the person who registered an employer was its only
-- member. Now a member of a VERIFIED employer invites someone by email; the invitee accepts through
-- the same link and accept_invitation() as university staff do, and joins as employer staff with a
-- membership of role 'member' (which has every right 'owner' has: no policy tells them apart;
-- 'owner' only marks who registered the organization). Members see their organization's pending
-- invitations (the policy "invitations of own organization" of 000300) and revoke them.
-- University and administration invitations behave as before.

-- At most one open (neither accepted nor revoked) invitation per organization and address: a double
-- submit cannot leave two live links. Older duplicates, if any, keep only the newest open.
update public.invitations i
   set revoked_at = now()
 where i.accepted_at is null and i.revoked_at is null
   and exists (
     select from public.invitations newer
      where newer.organization_id = i.organization_id and lower(newer.email) = lower(i.email)
        and newer.accepted_at is null and newer.revoked_at is null
        and (newer.created_at, newer.id) > (i.created_at, i.id)
   );
create unique index invitations_one_open_per_address on public.invitations (organization_id, lower(email))
  where accepted_at is null and revoked_at is null;

-- The administration, or a member of a university, invites someone to join that organization; a
-- member of a verified employer invites a colleague to the employer. Returns the token once; only
-- its hash is kept.
create or replace function public.create_invitation(p_organization_id uuid, p_email text)
returns text
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_org public.organizations;
  v_email text := lower(btrim(p_email));
  v_token text := encode(extensions.gen_random_bytes(24), 'hex');
begin
  select * into v_org from public.organizations where id = p_organization_id;
  if not found then
    raise exception 'организация не найдена' using errcode = '23503', hint = 'organization_id';
  end if;

  if v_org.kind = 'employer' then
    -- only its own people, and only once the administration has verified it
    if p_organization_id not in (select app_private.my_organization_ids()) then
      raise exception 'нет прав приглашать в эту организацию' using errcode = '42501';
    end if;
    if v_org.verification_status <> 'verified' then
      raise exception 'пригласить коллег можно после проверки организации администрацией'
        using errcode = '42501';
    end if;
    if v_email is null or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
      raise exception 'адрес электронной почты указан неверно' using errcode = '22023', hint = 'email';
    end if;
    if exists (select from public.memberships m join public.profiles p on p.id = m.profile_id
                where m.organization_id = p_organization_id and lower(p.email) = v_email) then
      raise exception 'этот сотрудник уже состоит в организации' using errcode = '23505', hint = 'email';
    end if;
    if exists (select from public.invitations
                where organization_id = p_organization_id and lower(email) = v_email
                  and accepted_at is null and revoked_at is null and expires_at > now()) then
      raise exception 'приглашение на этот адрес уже отправлено и ждёт ответа' using errcode = '23505', hint = 'email';
    end if;
    -- accepting creates the person's profile: someone already on the platform could never accept
    if exists (select from public.profiles where lower(email) = v_email) then
      raise exception 'этот адрес уже зарегистрирован на портале: пригласить можно только нового пользователя'
        using errcode = '23505', hint = 'email';
    end if;
  elsif not (app_private.is_admin()
             or p_organization_id in (select app_private.my_organization_ids())) then
    raise exception 'нет прав приглашать в эту организацию' using errcode = '42501';
  end if;

  -- A new invitation to the same address replaces the previous one (for an employer, only an
  -- expired one is left by the checks above).
  update public.invitations set revoked_at = now()
   where organization_id = p_organization_id and lower(email) = v_email
     and accepted_at is null and revoked_at is null;
  begin
    insert into public.invitations (organization_id, email, role, token_hash, invited_by)
    values (p_organization_id, v_email,
            case v_org.kind when 'university' then 'university_staff'::public.person_role
                            when 'employer' then 'employer_staff'::public.person_role
                            else 'administrator'::public.person_role end,
            encode(extensions.digest(v_token, 'sha256'), 'hex'), v_uid);
  exception when unique_violation then
    -- the same invitation sent twice at the same moment
    raise exception 'приглашение на этот адрес уже отправлено и ждёт ответа' using errcode = '23505', hint = 'email';
  end;
  return v_token;
end;
$$;

-- A member of the organization (or the administration) revokes an invitation that is still open:
-- its link stops working at once. Returns the address, for the confirmation message.
create function public.revoke_invitation(p_id uuid) returns text
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.invitations;
begin
  select * into v from public.invitations where id = p_id for update;
  if not found or not (v.organization_id in (select app_private.my_organization_ids())
                       or app_private.is_admin()) then
    raise exception 'приглашение не найдено' using errcode = '42501', hint = 'id';
  end if;
  if v.accepted_at is not null then
    raise exception 'приглашение уже принято' using errcode = '22023', hint = 'id';
  end if;
  if v.revoked_at is not null then
    raise exception 'приглашение уже отозвано' using errcode = '22023', hint = 'id';
  end if;
  update public.invitations set revoked_at = now() where id = p_id;
  return v.email;
end;
$$;
revoke all on function public.revoke_invitation(uuid) from public;
grant execute on function public.revoke_invitation(uuid) to authenticated;
