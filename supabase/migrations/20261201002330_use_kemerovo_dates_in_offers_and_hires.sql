-- Fix of 20261201001100_create_applications.sql: the offer's answer-by date and the hire's dates
-- were compared with current_date, the date of the database session's time zone (UTC on the
-- embedded stack and on Supabase), while the people who pick those dates live in Kemerovo (UTC+7)
-- and the posting's apply_by is already checked against the Kemerovo date. From 00:00 to 07:00
-- Kemerovo time a student could still accept an offer whose answer-by day had ended, an employer
-- could set yesterday as the answer-by date, and a hire document dated today was refused as
-- «в будущем». The three functions are the same as before except that «today» is Kemerovo's.

-- (app_private.kemerovo_today() comes from 20261201002200, which fixed make_offer and record_hire
-- the same way; this one also covers accept_offer and runs later, so its versions are the ones kept.)

create or replace function public.make_offer(p_id uuid, p_terms jsonb, p_answer_by date, p_note text default null) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_employer(p_id);
  v_terms jsonb;
begin
  if v.status not in ('viewed', 'shortlisted', 'interview') then
    perform app_private.refuse_move(v.status, 'сделать предложение');
  end if;
  v_terms := app_private.normalize_offer_terms(v.kind, coalesce(p_terms, '{}'));
  if p_answer_by is null or p_answer_by < app_private.kemerovo_today() or p_answer_by > app_private.kemerovo_today() + 60 then
    raise exception 'срок ответа — от сегодня до 60 дней вперёд' using errcode = '22023', hint = 'answer_by';
  end if;
  update public.applications set offer_terms = v_terms, offer_answer_by = p_answer_by where id = p_id;
  perform app_private.set_application_status(p_id, 'offer', true);
  perform app_private.record_application_event(p_id, 'employer', v.status, 'offer', p_note,
    v_terms || jsonb_build_object('answer_by', p_answer_by));
end;
$$;

create or replace function public.accept_offer(p_id uuid) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_applicant(p_id);
  v_opp public.opportunities;
  v_terms jsonb;
  v_record uuid;
  v_type text;
begin
  if v.status <> 'offer' then
    perform app_private.refuse_move(v.status, 'принять предложение');
  end if;
  if v.offer_answer_by < app_private.kemerovo_today() then
    raise exception 'срок ответа на предложение истёк %', to_char(v.offer_answer_by, 'DD.MM.YYYY')
      using errcode = '22023', hint = 'status';
  end if;
  v_terms := v.offer_terms;
  select * into v_opp from public.opportunities where id = v.opportunity_id;
  if v.kind = 'practice' then
    insert into public.practice_placements (application_id, student_id, university_id, organization_id, programme_code,
                                            practice_type, starts_on, ends_on)
    values (v.id, v.applicant_id, v.university_id, v.organization_id, v.programme_code, v_opp.practice_type,
            (v_terms ->> 'start_date')::date, (v_terms ->> 'end_date')::date)
    returning id into v_record;
    v_type := 'practice_placement';
    insert into public.outcome_events (record_type, record_id, actor_id, to_status)
    values (v_type, v_record, (select auth.uid()), 'awaiting_university');
  elsif v.kind = 'stipend' then
    insert into public.stipend_awards (application_id, student_id, university_id, organization_id, amount_per_month,
                                       months, starts_on)
    values (v.id, v.applicant_id, v.university_id, v.organization_id, (v_terms ->> 'amount_per_month')::integer,
            (v_terms ->> 'months')::smallint, (v_terms ->> 'start_date')::date)
    returning id into v_record;
    v_type := 'stipend_award';
    insert into public.outcome_events (record_type, record_id, actor_id, to_status)
    values (v_type, v_record, (select auth.uid()), 'awaiting_university');
  elsif v.kind = 'target_agreement' then
    insert into public.target_agreements (application_id, student_id, university_id, organization_id, programme_code,
                                          work_years, support_measures)
    values (v.id, v.applicant_id, v.university_id, v.organization_id, v.programme_code,
            (v_terms ->> 'work_years')::smallint, v_terms ->> 'support_measures')
    returning id into v_record;
    v_type := 'target_agreement';
    insert into public.outcome_events (record_type, record_id, actor_id, to_status)
    values (v_type, v_record, (select auth.uid()), 'awaiting_signatures');
  end if;
  perform app_private.set_application_status(p_id, 'accepted', false);
  perform app_private.record_application_event(p_id, 'applicant', 'offer', 'accepted', null,
    case when v_record is null then '{}'::jsonb else jsonb_build_object('record_type', v_type, 'record_id', v_record) end);
  return v_record;
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
begin
  if v.kind not in ('vacancy', 'internship') then
    raise exception 'приём на работу оформляется по вакансиям и стажировкам' using errcode = '22023', hint = 'status';
  end if;
  if v.status <> 'accepted' then
    perform app_private.refuse_move(v.status, 'оформить приём');
  end if;
  if p_start_date is null or p_start_date < app_private.kemerovo_today() - 365 or p_start_date > app_private.kemerovo_today() + 365 then
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
  if p_document_date is null or p_document_date > app_private.kemerovo_today() or p_document_date > p_start_date + 30 then
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
