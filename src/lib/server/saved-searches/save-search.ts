import type { Supabase } from '../supabase.ts';
import type { AlertFrequency } from '../../schemas/saved-search.ts';

export type SaveResult =
  { ok: true; id: string } | { ok: false; status: number; field: string; message: string };

/** Most saved searches a person keeps: alerts are for a few standing interests, not a crawler. */
export const MAX_SAVED_SEARCHES = 20;

/** Saves the current search of a student or graduate (RLS: only for themself). */
export async function saveSearch(
  supabase: Supabase,
  input: { name: string; query: string; frequency: AlertFrequency },
): Promise<SaveResult> {
  const { count } = await supabase.from('saved_searches').select('id', { count: 'exact', head: true });
  if ((count ?? 0) >= MAX_SAVED_SEARCHES) {
    return {
      ok: false,
      status: 400,
      field: 'form',
      message: `Можно сохранить не больше ${MAX_SAVED_SEARCHES} поисков: удалите ненужные на странице «Мои поиски»`,
    };
  }
  const { data, error } = await supabase.from('saved_searches').insert(input).select('id').single();
  if (error) {
    if (error.code === '42501') {
      return {
        ok: false,
        status: 403,
        field: 'form',
        message: 'Сохранять поиски могут студенты и выпускники',
      };
    }
    console.error(`[saved-searches] save: ${error.message}`);
    return {
      ok: false,
      status: 500,
      field: 'form',
      message: 'Не удалось сохранить поиск, попробуйте ещё раз',
    };
  }
  return { ok: true, id: data.id };
}
