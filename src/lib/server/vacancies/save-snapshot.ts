import type { Queryable } from '../db.ts';
import type { VacancyCount } from './count-vacancies.ts';

/**
 * Keeps a snapshot read from the API or a saved answer (app_private.save_vacancy_snapshot): a second
 * one of the same date and source replaces the first, with its counts per employer ИНН.
 */
export async function saveVacancySnapshot(
  db: Queryable,
  input: { takenOn: string; source: 'trudvsem_api' | 'file'; note: string; count: VacancyCount },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'select app_private.save_vacancy_snapshot($1, $2, $3, $4, $5, $6) as id',
    [
      input.takenOn,
      input.source,
      input.count.total,
      input.count.regionTotal,
      input.note,
      JSON.stringify(
        input.count.employers.map((e) => ({ inn: e.inn, name: e.name, vacancies: e.vacancies })),
      ),
    ],
  );
  return rows[0].id;
}

/** Today in Kemerovo (UTC+7), as YYYY-MM-DD. */
export function kemerovoToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
