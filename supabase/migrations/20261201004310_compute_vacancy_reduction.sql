-- vacancy_reduction_pct computed (issue 9 item 2): confirmed hires of graduates at Kemerovo
-- employers in the year ÷ open vacancies of Kemerovo employers in the vacancy-bank snapshot nearest
-- to 1 January of that year × 100, both numbers kept in the fact's details.
--
-- Which snapshot: the one whose date is nearest to 1 January, within half a year (183 days) either
-- side — so a snapshot speaks for one year only; at equal distance the earlier one (the state the
-- year began with); on one date the administration's own number first, then the API's, then a
-- saved file's. No snapshot in that window (or one of 0 vacancies): no percentage, and the details
-- say why. A person counts once a year however many hires they have.

create function app_private.vacancy_snapshot_near(p_day date)
returns table (id uuid, taken_on date, total integer, source text)
language sql stable
set search_path = ''
as $$
  select s.id, s.taken_on, s.total, s.source
    from public.vacancy_snapshots s
   where s.taken_on between p_day - 183 and p_day + 183
   order by abs(s.taken_on - p_day), s.taken_on,
            case s.source when 'manual' then 0 when 'trudvsem_api' then 1 else 2 end, s.created_at desc
   limit 1;
$$;

-- The hires of each year (not cumulative): confirmed, at a Kemerovo employer, within the year
-- clipped to the period.
create function app_private.indicator_rows_vacancy_reduction_pct(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
as $$
  select y.year, coalesce(e.person_id, e.id), 'employment', e.id, e.start_date
  from app_private.period_years(p_period_id) y
  join public.employments e
    on e.status = 'confirmed'
   and e.start_date between y.from_date and y.to_date
  where e.organization_id in (select app_private.kemerovo_employer_ids());
$$;

-- One row for every year of the period: the percentage, or null without a snapshot.
create function app_private.indicator_fact_vacancy_reduction_pct(p_period_id uuid)
returns table (year int, fact numeric, details jsonb)
language sql stable
set search_path = ''
as $$
  with hires as (
    select r.year, count(distinct r.person_key)::int as people, count(*)::int as records
    from app_private.indicator_rows_vacancy_reduction_pct(p_period_id) r
    group by r.year
  )
  select y.year,
         case when s.total > 0 then round(coalesce(h.people, 0) * 100.0 / s.total, 2) end,
         jsonb_build_object('records', coalesce(h.records, 0), 'hires', coalesce(h.people, 0))
           || case when s.id is null then jsonb_build_object('no_snapshot', true)
                   else jsonb_build_object('vacancies', s.total, 'snapshot_on', s.taken_on,
                                           'snapshot_source', s.source) end
  from app_private.period_years(p_period_id) y
  left join hires h on h.year = y.year
  left join lateral app_private.vacancy_snapshot_near(make_date(y.year, 1, 1)) s on true;
$$;

revoke all on function app_private.vacancy_snapshot_near(date),
  app_private.indicator_rows_vacancy_reduction_pct(uuid), app_private.indicator_fact_vacancy_reduction_pct(uuid)
  from public;
grant execute on function app_private.vacancy_snapshot_near(date),
  app_private.indicator_rows_vacancy_reduction_pct(uuid), app_private.indicator_fact_vacancy_reduction_pct(uuid)
  to authenticated, service_role;

-- A fact function may return a year with no fact (a ratio without its denominator): that stays
-- null; only a year the function returns no row for is 0.
create or replace function public.indicator_values(p_period_id uuid)
returns table (indicator_code text, year int, plan numeric, baseline numeric, fact numeric, details jsonb)
language plpgsql stable
set search_path = ''
as $$
declare
  v record;
begin
  for v in select i.code, i.fact_function from public.indicators i order by i.sort_order loop
    return query execute format(
      $q$select $1::text, y.year, pl.value, bl.value, %s, coalesce(%s, '{}'::jsonb)
           from app_private.period_years($2) y
           %s
           left join public.indicator_plans pl
             on pl.period_id = $2 and pl.indicator_code = $1 and pl.year = y.year
           left join public.indicator_plans bl
             on bl.period_id = $2 and bl.indicator_code = $1 and bl.year is null
          order by y.year$q$,
      case when v.fact_function is null then 'null::numeric'
           else 'case when f.year is null then 0 else f.fact end' end,
      case when v.fact_function is null then 'null::jsonb' else 'f.details' end,
      case when v.fact_function is null then ''
           else format('left join app_private.%I($2) f on f.year = y.year', v.fact_function) end)
    using v.code, p_period_id;
  end loop;
end;
$$;

update public.indicators
   set fact_function = 'indicator_fact_vacancy_reduction_pct',
       records_function = 'indicator_rows_vacancy_reduction_pct',
       pending_note = null,
       rule = 'Выпускники, приём которых на работу к работодателю из Кемерова (организация в одном из районов города) подтвердили обе стороны (или импортирован с документом о приёме), с датой выхода на работу в этом году (в пределах периода программы), ÷ открытые вакансии работодателей Кемерова в снимке банка вакансий, ближайшем к 1 января этого года (не дальше полугода до или после; при равном расстоянии — более ранний; на одну дату — введённый администрацией, затем полученный из «Работы России», затем из файла), × 100. Показываются оба числа. Нет снимка — процент не считается. Человек считается один раз в году. Желаемая тенденция — снижение: не больше плана; % плана = план ÷ факт × 100.'
 where code = 'vacancy_reduction_pct';
