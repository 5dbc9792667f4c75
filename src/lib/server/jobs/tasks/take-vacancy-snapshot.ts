import type { Task } from 'graphile-worker';
import { db } from '../../db.ts';
import { countKemerovoVacancies } from '../../vacancies/count-vacancies.ts';
import { fetchTrudvsemPages } from '../../vacancies/fetch-trudvsem.ts';
import { kemerovoToday, saveVacancySnapshot } from '../../vacancies/save-snapshot.ts';

/** The API address, when this installation may reach the internet (unset: no weekly snapshot). */
export function trudvsemApiUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TRUDVSEM_API_URL?.trim() || undefined;
}

/** The weekly crontab line, only when TRUDVSEM_API_URL is set (Monday 09:00 Kemerovo time). */
export function vacancySnapshotCrontab(env: NodeJS.ProcessEnv = process.env): string[] {
  return trudvsemApiUrl(env) ? ['0 2 * * 1 take_vacancy_snapshot ?jobKey=take_vacancy_snapshot'] : [];
}

/**
 * Takes today's snapshot of Kemerovo vacancies from the «Работа России» API. Returns the snapshot's
 * id, or null when no URL is configured. Running it twice a day replaces the day's snapshot.
 */
export async function takeVacancySnapshot(
  options: { url?: string; pool?: ReturnType<typeof db>; today?: string; pageLimit?: number } = {},
): Promise<string | null> {
  const url = options.url ?? trudvsemApiUrl();
  if (!url) return null;
  const count = countKemerovoVacancies(await fetchTrudvsemPages(url, { pageLimit: options.pageLimit }));
  return saveVacancySnapshot(options.pool ?? db(), {
    takenOn: options.today ?? kemerovoToday(),
    source: 'trudvsem_api',
    note: `«Работа России»: ${count.regionTotal} вакансий региона`,
    count,
  });
}

export const takeVacancySnapshotTask: Task = async (_payload, helpers) => {
  const id = await takeVacancySnapshot();
  helpers.logger.info(id ? `снимок банка вакансий ${id}` : 'TRUDVSEM_API_URL не задан: снимок не берётся');
};
