import type { ImportPreview, PreviewRow, RowError } from '../../university-imports.ts';

export type { ImportPreview, PreviewRow };

export const PREVIEW_MAX_ERRORS = 500;
export const PREVIEW_MAX_ROWS = 200;

/** The preview from every row's state and every message. */
export function summarize(
  fileName: string,
  bytes: Uint8Array,
  rows: PreviewRow[],
  errors: RowError[],
): ImportPreview {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const byState = (s: PreviewRow['state']) => rows.filter((r) => r.state === s).length;
  const shown = [...rows.filter((r) => r.state === 'error'), ...rows.filter((r) => r.state !== 'error')]
    .slice(0, PREVIEW_MAX_ROWS)
    .sort((a, b) => a.line - b.line);
  return {
    fileName,
    file: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    total: rows.length,
    ready: byState('new'),
    same: byState('same'),
    errorRows: byState('error'),
    errors: sorted.slice(0, PREVIEW_MAX_ERRORS),
    rows: shown,
  };
}

/** The database's per-row messages: [{column, message}]. */
export function dbErrors(line: number, errors: unknown): RowError[] {
  if (!Array.isArray(errors)) return [];
  return (errors as Array<{ column?: string; message?: string }>).map((e) => ({
    line,
    column: e.column ?? '—',
    message: e.message ?? 'ошибка',
  }));
}

/** A base64 file sent back with the confirmation. */
export function decodeFile(base64: FormDataEntryValue | null): Uint8Array | null {
  if (typeof base64 !== 'string' || !base64 || base64.length > 8 * 1024 * 1024) return null;
  if (!/^[A-Za-z0-9+/]+=*$/.test(base64)) return null;
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
