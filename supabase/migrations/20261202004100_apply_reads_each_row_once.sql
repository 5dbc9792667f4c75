-- One apply reads each row it decides on once (issue 7 item 8: the apply is the heaviest request of
-- the mixed load). application_refusal() and apply_to_opportunity() each read the caller's profile
-- and the posting, and apply then read the posting again with its employer: the checks now live in
-- app_private.application_refusal_of(profile, posting, employer), over rows the caller has read, and
-- both functions call it. The checks and their Russian messages are those of 20261201001100, word for
-- word; the employer's verification is read from the row instead of employer_is_verified(id).

create function app_private.application_refusal_of(
  p_me public.profiles,
  p_opp public.opportunities,
  p_org public.organizations
) returns text
language plpgsql stable
set search_path = ''
as $$
begin
  if p_opp.id is null or p_org.id is null or p_org.kind <> 'employer' or p_org.verification_status <> 'verified' then
    return 'Публикация не найдена.';
  end if;
  if p_opp.status <> 'published' or p_opp.expires_at <= now() then
    return 'Публикация закрыта: отклики больше не принимаются.';
  end if;
  if p_opp.apply_by is not null and p_opp.apply_by < (now() at time zone 'Asia/Novokuznetsk')::date then
    return format('Приём откликов закончился %s.', to_char(p_opp.apply_by, 'DD.MM.YYYY'));
  end if;
  if p_me.id is null then
    return 'Войдите как студент или выпускник, чтобы откликнуться.';
  end if;
  if p_me.role not in ('student', 'graduate') then
    return 'Откликаться могут студенты и выпускники.';
  end if;
  if p_opp.kind in ('practice', 'stipend', 'target_agreement') and p_me.role <> 'student' then
    return case p_opp.kind
      when 'practice' then 'Практика — для студентов: в профиле вы указаны как выпускник.'
      when 'stipend' then 'Стипендия — для студентов: в профиле вы указаны как выпускник.'
      else 'Целевое обучение — для студентов: в профиле вы указаны как выпускник.' end;
  end if;
  if p_opp.kind <> 'vacancy' then
    if cardinality(p_opp.university_ids) > 0 and (p_me.university_id is null or not p_me.university_id = any (p_opp.university_ids)) then
      return 'Работодатель принимает отклики только от студентов указанных вузов. Проверьте вуз в профиле.';
    end if;
    if cardinality(p_opp.programme_codes) > 0 and (p_me.programme_code is null or not p_me.programme_code = any (p_opp.programme_codes)) then
      return 'Ваше направление подготовки не входит в список направлений этой публикации. Проверьте его в профиле.';
    end if;
    if p_me.role = 'student' and cardinality(p_opp.years_of_study) > 0
       and (p_me.year_of_study is null or not p_me.year_of_study = any (p_opp.years_of_study)) then
      return format('Публикация для студентов %s курса. Проверьте курс в профиле.',
                    array_to_string(p_opp.years_of_study, ', '));
    end if;
  end if;
  if p_opp.kind in ('practice', 'stipend', 'target_agreement') and p_me.university_id is null then
    return 'Укажите вуз в профиле: его подтверждение нужно для практики, стипендии и целевого обучения.';
  end if;
  if not exists (select from public.resumes where profile_id = p_me.id) then
    return 'Сначала заполните резюме: работодатель увидит его вместе с откликом.';
  end if;
  return null;
end;
$$;

revoke all on function app_private.application_refusal_of(public.profiles, public.opportunities, public.organizations)
  from public;

create or replace function public.application_refusal(p_opportunity_id uuid) returns text
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_opp public.opportunities;
  v_org public.organizations;
begin
  select * into v_opp from public.opportunities where id = p_opportunity_id;
  select * into v_org from public.organizations where id = v_opp.organization_id;
  return app_private.application_refusal_of(app_private.my_profile(), v_opp, v_org);
end;
$$;

create or replace function public.apply_to_opportunity(
  p_opportunity_id uuid,
  p_cover_letter text,
  p_consent_version text,
  p_consent_text text,
  p_ip inet default null,
  p_user_agent text default null,
  p_posting_title text default null,
  p_employer_name text default null,
  p_employer_inn text default null,
  p_employer_address text default null
) returns table (application_id uuid, created boolean)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_me public.profiles := app_private.my_profile();
  v_refusal text;
  v_opp public.opportunities;
  v_org public.organizations;
  v_resume public.resumes;
  v_consent uuid;
  v_id uuid;
begin
  if char_length(coalesce(p_cover_letter, '')) > 3000 then
    raise exception 'сопроводительное письмо — не длиннее 3 000 знаков' using errcode = '22023', hint = 'cover_letter';
  end if;
  if coalesce(btrim(p_consent_version), '') = '' or char_length(coalesce(p_consent_text, '')) < 50 then
    raise exception 'нужно согласие на передачу персональных данных работодателю' using errcode = '22023', hint = 'consent';
  end if;
  -- the same person applying twice at once: the second waits here and then finds the first
  perform pg_advisory_xact_lock(hashtextextended(p_opportunity_id::text || ':' || coalesce(v_me.id::text, ''), 0));
  select a.id into v_id from public.applications a
   where a.opportunity_id = p_opportunity_id and a.applicant_id = v_me.id
     and a.status not in ('rejected', 'withdrawn', 'declined');
  if found then
    return query select v_id, false;
    return;
  end if;
  -- the posting and its employer read once: the same rows decide, word the consent and are stored
  select * into v_opp from public.opportunities where id = p_opportunity_id;
  select * into v_org from public.organizations where id = v_opp.organization_id;
  v_refusal := app_private.application_refusal_of(v_me, v_opp, v_org);
  if v_refusal is not null then
    raise exception '%', v_refusal using errcode = '22023', hint = 'opportunity';
  end if;
  select * into v_resume from public.resumes where profile_id = v_me.id;
  -- the consent's text names the posting and the employer as the server read them; when it read
  -- them a moment ago (a cached read), they must still be what the platform holds, word for word
  if p_posting_title is not null and (
       p_posting_title is distinct from v_opp.title or p_employer_name is distinct from v_org.name
       or p_employer_inn is distinct from v_org.inn or p_employer_address is distinct from v_org.address) then
    raise exception 'данные работодателя или публикации изменились: прочитайте согласие ещё раз'
      using errcode = '22023', hint = 'consent_outdated';
  end if;

  insert into public.data_transfer_consents (profile_id, organization_id, organization_name, organization_inn,
                                             text_version, consent_text, ip, user_agent)
  values (v_me.id, v_org.id, v_org.name, v_org.inn, p_consent_version, p_consent_text, p_ip, left(p_user_agent, 500))
  returning id into v_consent;

  insert into public.applications (opportunity_id, applicant_id, organization_id, kind, applicant_name, university_id,
                                   programme_code, year_of_study, graduation_year, consent_id)
  values (p_opportunity_id, v_me.id, v_opp.organization_id, v_opp.kind, v_me.full_name, v_me.university_id,
          v_me.programme_code, v_me.year_of_study, v_me.graduation_year, v_consent)
  returning id into v_id;

  insert into public.application_documents (application_id, cover_letter, resume_snapshot, attachment_id)
  values (v_id, coalesce(btrim(p_cover_letter), ''),
          jsonb_build_object(
            'full_name', v_me.full_name, 'email', v_me.email, 'phone', v_me.phone, 'role', v_me.role,
            'university_id', v_me.university_id,
            'university_name', (select o.name from public.organizations o where o.id = v_me.university_id),
            'programme_code', v_me.programme_code,
            'programme_name', (select p.name from public.programmes p where p.code = v_me.programme_code),
            'year_of_study', v_me.year_of_study, 'graduation_year', v_me.graduation_year,
            'headline', v_resume.headline, 'about', v_resume.about, 'average_grade', v_resume.average_grade,
            'skills', to_jsonb(v_resume.skills), 'experience', v_resume.experience, 'languages', v_resume.languages,
            'desired_kinds', to_jsonb(v_resume.desired_kinds), 'desired_districts', to_jsonb(v_resume.desired_districts),
            'desired_schedules', to_jsonb(v_resume.desired_schedules),
            'portfolio_url', v_resume.portfolio_url, 'github_url', v_resume.github_url,
            'frozen_at', now()),
          v_resume.attachment_id);

  perform app_private.record_application_event(v_id, 'applicant', null, 'submitted');
  return query select v_id, true;
end;
$$;

