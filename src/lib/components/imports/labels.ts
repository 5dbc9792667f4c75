/** How an import's state reads in the interface. */
export const IMPORT_STATE_LABELS: Record<string, string> = {
  preview: 'Проверен, не импортирован',
  imported: 'Импортирован',
  undone: 'Отменён',
};

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toLocaleString('ru-RU', {
    timeZone: 'Asia/Novokuznetsk',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
