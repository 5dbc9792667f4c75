import type { PostgrestError } from '@supabase/supabase-js';

/**
 * One error path: a database error becomes one clear Russian message (bound to a form field when
 * the database names one in its hint), and the log keeps the detail.
 */
export function describeDbError(
  error: PostgrestError,
  fieldMap: Record<string, string> = {},
): { field: string; message: string; status: number } {
  const field = (error.hint && fieldMap[error.hint]) || error.hint || 'form';
  const status =
    error.code === '42501' ? 403 : error.code === '23505' ? 409 : error.code?.startsWith('PGRST') ? 400 : 400;
  // Messages raised by our own functions are already written for people, in Russian.
  if (/[а-яё]/i.test(error.message)) {
    const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    return { field, message, status };
  }
  console.error('database error', error);
  const generic: Record<string, string> = {
    '23505': 'Такая запись уже есть',
    '23503': 'Связанная запись не найдена',
    '23514': 'Значение не прошло проверку',
    '42501': 'Недостаточно прав для этого действия',
  };
  return { field, message: generic[error.code] ?? 'Не удалось сохранить. Попробуйте ещё раз.', status };
}
