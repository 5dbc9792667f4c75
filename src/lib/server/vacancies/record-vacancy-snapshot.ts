import type { VacancySnapshotInput } from '../../schemas/vacancy-bank.ts';
import { describeDbError } from '../errors.ts';
import { forgetIndicatorFacts } from '../indicators/facts-cache.ts';
import type { Supabase } from '../supabase.ts';

const FIELDS: Record<string, string> = { taken_on: 'takenOn', total: 'total', source_note: 'sourceNote' };

/** A snapshot typed in by an administrator (public.record_vacancy_snapshot checks who and what). */
export async function recordVacancySnapshot(
  supabase: Supabase,
  input: VacancySnapshotInput,
): Promise<{ ok: true; id: string } | { ok: false; field: string; message: string; status: number }> {
  const { data, error } = await supabase.rpc('record_vacancy_snapshot', {
    p_taken_on: input.takenOn,
    p_total: input.total,
    p_source_note: input.sourceNote,
  });
  if (error || !data) {
    const e = error
      ? describeDbError(error, FIELDS)
      : { field: 'form', message: 'Не удалось сохранить', status: 500 };
    return { ok: false, ...e };
  }
  forgetIndicatorFacts();
  return { ok: true, id: data };
}

/** The snapshots, newest first, with how many employers each counted by ИНН. */
export async function loadVacancySnapshots(supabase: Supabase) {
  const { data, error } = await supabase
    .from('vacancy_snapshots')
    .select(
      'id, taken_on, total, region_total, source, source_note, created_at, vacancy_snapshot_employers(count)',
    )
    .order('taken_on', { ascending: false })
    .limit(200);
  if (error) throw new Error(error.message);
  return data.map(({ vacancy_snapshot_employers, ...s }) => ({
    ...s,
    employers: (vacancy_snapshot_employers as unknown as { count: number }[])[0]?.count ?? 0,
  }));
}
