-- record_hire and make_offer compared the employer's dates with current_date, the date of the
-- database server's zone (UTC here). Between 00:00 and 07:00 in Kemerovo that is still yesterday,
-- so a hire documented «today» by a Kemerovo employer was refused as a document «in the future»
-- (and an offer's answer-by window was a day off). Both now read today's date in Kemerovo
-- (Asia/Novokuznetsk, UTC+7), as application_refusal already does for apply_by.

create function app_private.kemerovo_today() returns date
language sql stable
set search_path = ''
as $$
  select (now() at time zone 'Asia/Novokuznetsk')::date;
$$;
revoke all on function app_private.kemerovo_today() from public;
grant execute on function app_private.kemerovo_today() to authenticated, service_role;

create or replace function public.make_offer(p_id uuid, p_terms jsonb, p_answer_by date, p_note text default null) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_employer(p_id);
  v_terms jsonb;
  v_today date := app_private.kemerovo_today();
begin
  if v.status not in ('viewed', 'shortlisted', 'interview') then
    perform app_private.refuse_move(v.status, 'сделать предложение');
  end if;
  v_terms := app_private.normalize_offer_terms(v.kind, coalesce(p_terms, '{}'));
  if p_answer_by is null or p_answer_by < v_today or p_answer_by > v_today + 60 then
    raise exception 'срок ответа — от сегодня до 60 дней вперёд' using errcode = '22023', hint = 'answer_by';
  end if;
  update public.applications set offer_terms = v_terms, offer_answer_by = p_answer_by where id = p_id;
  perform app_private.set_application_status(p_id, 'offer', true);
  perform app_private.record_application_event(p_id, 'employer', v.status, 'offer', p_note,
    v_terms || jsonb_build_object('answer_by', p_answer_by));
end;
$$;

create or replace function public.record_hire(
  p_id uuid, p_start_date date, p_position text, p_document_kind text, p_document_number text, p_document_date date
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_employer(p_id);
  v_employment uuid;
  v_today date := app_private.kemerovo_today();
begin
  if v.kind not in ('vacancy', 'internship') then
    raise exception 'приём на работу оформляется по вакансиям и стажировкам' using errcode = '22023', hint = 'status';
  end if;
  if v.status <> 'accepted' then
    perform app_private.refuse_move(v.status, 'оформить приём');
  end if;
  if p_start_date is null or p_start_date < v_today - 365 or p_start_date > v_today + 365 then
    raise exception 'укажите дату выхода на работу (не дальше года от сегодня)' using errcode = '22023', hint = 'start_date';
  end if;
  if coalesce(btrim(p_position), '') = '' or char_length(btrim(p_position)) > 200 then
    raise exception 'укажите должность' using errcode = '22023', hint = 'position';
  end if;
  if p_document_kind is null or p_document_kind not in ('order', 'contract') then
    raise exception 'выберите документ: приказ о приёме или трудовой договор' using errcode = '22023', hint = 'document_kind';
  end if;
  if coalesce(btrim(p_document_number), '') = '' or char_length(btrim(p_document_number)) > 50 then
    raise exception 'укажите номер документа' using errcode = '22023', hint = 'document_number';
  end if;
  if p_document_date is null or p_document_date > v_today or p_document_date > p_start_date + 30 then
    raise exception 'дата документа не может быть в будущем или позже выхода на работу больше чем на 30 дней'
      using errcode = '22023', hint = 'document_date';
  end if;
  insert into public.employments (application_id, person_id, organization_id, position, start_date, document_kind,
                                  document_number, document_date, employer_confirmed_by)
  values (v.id, v.applicant_id, v.organization_id, btrim(p_position), p_start_date, p_document_kind,
          btrim(p_document_number), p_document_date, (select auth.uid()))
  returning id into v_employment;
  insert into public.outcome_events (record_type, record_id, actor_id, to_status)
  values ('employment', v_employment, (select auth.uid()), 'awaiting_confirmation');
  perform app_private.set_application_status(p_id, 'hired', true);
  perform app_private.record_application_event(p_id, 'employer', 'accepted', 'hired', null,
    jsonb_build_object('employment_id', v_employment, 'start_date', p_start_date, 'position', btrim(p_position),
                       'document_kind', p_document_kind, 'document_number', btrim(p_document_number),
                       'document_date', p_document_date));
  return v_employment;
end;
$$;
