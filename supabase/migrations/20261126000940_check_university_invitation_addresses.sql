-- Invitations to a university (by the administration or its staff) get the same address checks
-- as invitations to an employer (000930): a malformed address, a member of the organization, or
-- someone already on the platform is refused at once with a message at the field. Until now such
-- an invitation was sent and its link then refused at acceptance ("already registered"), which
-- left the career centre guessing. Re-sending to an address still waiting replaces the previous
-- link for universities and the administration, as before; employers are told it is waiting.

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
  elsif not (app_private.is_admin()
             or p_organization_id in (select app_private.my_organization_ids())) then
    raise exception 'нет прав приглашать в эту организацию' using errcode = '42501';
  end if;

  -- The address, for every kind of organization: accepting creates the person's profile, so
  -- someone already on the platform (a member or not) could never accept.
  if v_email is null or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception 'адрес электронной почты указан неверно' using errcode = '22023', hint = 'email';
  end if;
  if exists (select from public.memberships m join public.profiles p on p.id = m.profile_id
              where m.organization_id = p_organization_id and lower(p.email) = v_email) then
    raise exception 'этот сотрудник уже состоит в организации' using errcode = '23505', hint = 'email';
  end if;
  if exists (select from public.profiles where lower(email) = v_email) then
    raise exception 'этот адрес уже зарегистрирован на портале: пригласить можно только нового пользователя'
      using errcode = '23505', hint = 'email';
  end if;
  -- An employer's member sees that an invitation is already waiting; the administration and
  -- universities send it again (below, the new one replaces it).
  if v_org.kind = 'employer' and exists (
       select from public.invitations
        where organization_id = p_organization_id and lower(email) = v_email
          and accepted_at is null and revoked_at is null and expires_at > now()) then
    raise exception 'приглашение на этот адрес уже отправлено и ждёт ответа' using errcode = '23505', hint = 'email';
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
