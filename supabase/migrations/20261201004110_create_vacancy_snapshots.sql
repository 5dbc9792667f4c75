-- The vacancy bank (issue 9 item 6): how many vacancies Kemerovo employers had open on a date, for
-- the vacancy-reduction indicator. A snapshot comes from the «Работа России» open-data API (the
-- weekly job, when TRUDVSEM_API_URL is set), from a saved answer of that API
-- (`npm run vacancies:import -- FILE.json`), or is typed in by the administration with where the
-- number came from. API and file snapshots keep their counts per employer ИНН.

create table public.vacancy_snapshots (
  id uuid primary key default gen_random_uuid(),
  taken_on date not null check (taken_on >= date '2000-01-01'),
  total integer not null check (total between 0 and 10000000),
  source text not null check (source in ('trudvsem_api', 'file', 'manual')),
  -- where a number typed in came from («Банк вакансий ЦЗН, письмо № …»), or the file's name
  source_note text check (char_length(source_note) <= 300),
  -- vacancies the answer held in all (the region), of which `total` are in Kemerovo
  region_total integer check (region_total >= 0),
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  -- one snapshot per date and source: a second import of the same day replaces the first
  unique (taken_on, source)
);
create index vacancy_snapshots_taken_on_idx on public.vacancy_snapshots (taken_on);

create table public.vacancy_snapshot_employers (
  snapshot_id uuid not null references public.vacancy_snapshots (id) on delete cascade,
  inn text not null check (inn ~ '^(\d{10}|\d{12})$'),
  company_name text check (char_length(company_name) <= 500),
  vacancies integer not null check (vacancies > 0),
  primary key (snapshot_id, inn)
);
create index vacancy_snapshot_employers_inn_idx on public.vacancy_snapshot_employers (inn);

alter table public.vacancy_snapshots enable row level security;
alter table public.vacancy_snapshot_employers enable row level security;
create policy "administration sees vacancy snapshots" on public.vacancy_snapshots for select to authenticated
  using ((select app_private.is_admin()));
create policy "administration sees vacancy counts" on public.vacancy_snapshot_employers for select to authenticated
  using ((select app_private.is_admin()));
grant select on public.vacancy_snapshots, public.vacancy_snapshot_employers to authenticated;
grant all on public.vacancy_snapshots, public.vacancy_snapshot_employers to service_role;

-- A number typed in by the administration. Returns the snapshot.
create function public.record_vacancy_snapshot(p_taken_on date, p_total integer, p_source_note text)
returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if not app_private.is_admin() then
    raise exception 'банк вакансий ведёт администрация' using errcode = '42501', hint = 'form';
  end if;
  if p_taken_on is null or p_taken_on < date '2000-01-01'
     or p_taken_on > (now() at time zone 'Asia/Novokuznetsk')::date then
    raise exception 'дата снимка — не раньше 01.01.2000 и не позже сегодняшнего дня' using errcode = '22023', hint = 'taken_on';
  end if;
  if p_total is null or p_total < 0 or p_total > 10000000 then
    raise exception 'число вакансий — целое, от 0 до 10 000 000' using errcode = '22023', hint = 'total';
  end if;
  if coalesce(btrim(p_source_note), '') = '' or char_length(btrim(p_source_note)) > 300 then
    raise exception 'укажите источник числа (до 300 знаков)' using errcode = '22023', hint = 'source_note';
  end if;
  if exists (select from public.vacancy_snapshots where taken_on = p_taken_on and source = 'manual') then
    raise exception 'снимок, введённый вручную, на % уже есть', to_char(p_taken_on, 'DD.MM.YYYY')
      using errcode = '23505', hint = 'taken_on';
  end if;
  insert into public.vacancy_snapshots (taken_on, total, source, source_note, created_by)
  values (p_taken_on, p_total, 'manual', btrim(p_source_note), (select auth.uid()))
  returning id into v_id;
  return v_id;
end;
$$;
revoke all on function public.record_vacancy_snapshot(date, integer, text) from public;
grant execute on function public.record_vacancy_snapshot(date, integer, text) to authenticated;

-- A snapshot read from the API or a saved answer (the worker and the import script): replaces the
-- snapshot of the same date and source with its counts per employer. p_employers: [{inn, name, vacancies}].
create function app_private.save_vacancy_snapshot(
  p_taken_on date, p_source text, p_total integer, p_region_total integer, p_source_note text, p_employers jsonb
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if p_source not in ('trudvsem_api', 'file') then
    raise exception 'источник снимка: trudvsem_api или file' using errcode = '22023';
  end if;
  insert into public.vacancy_snapshots (taken_on, total, source, source_note, region_total)
  values (p_taken_on, p_total, p_source, left(p_source_note, 300), p_region_total)
  on conflict (taken_on, source) do update
    set total = excluded.total, source_note = excluded.source_note, region_total = excluded.region_total,
        created_at = now()
  returning id into v_id;
  delete from public.vacancy_snapshot_employers where snapshot_id = v_id;
  insert into public.vacancy_snapshot_employers (snapshot_id, inn, company_name, vacancies)
  select v_id, e.inn, left(e.name, 500), e.vacancies
  from jsonb_to_recordset(coalesce(p_employers, '[]')) as e(inn text, name text, vacancies integer)
  where e.vacancies > 0;
  return v_id;
end;
$$;
revoke all on function app_private.save_vacancy_snapshot(date, text, integer, integer, text, jsonb) from public;
grant execute on function app_private.save_vacancy_snapshot(date, text, integer, integer, text, jsonb) to service_role;
