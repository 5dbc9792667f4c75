import ExcelJS from 'exceljs';
import type { RowError } from '../../university-imports.ts';

/**
 * A small reader of the university's XLSX uploads (student list, practice order): the file is
 * checked by its bytes, the header row is found by the column names, and every data row comes back
 * with its Excel row number, so each message can name the row and the column as the person sees
 * them in Excel. Kept self-contained on purpose (no shared spreadsheet helper yet).
 */

/** At most this many data rows in one file, and this many bytes. */
export const IMPORT_MAX_ROWS = 10_000;
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export interface ImportColumn<K extends string = string> {
  key: K;
  /** The header as the template writes it. */
  header: string;
  /** Other headers people write for the same column. */
  aliases?: string[];
  required: boolean;
  /** For the instructions sheet: what to write and an example. */
  hint: string;
  example: string;
  width?: number;
  /** 'text' keeps «09.03.01» and ИНН from turning into dates and numbers in Excel. */
  format?: 'text' | 'date';
  /** A drop-down of allowed values in the template. */
  choices?: string[];
}

export type { RowError };

export type SheetCell = ExcelJS.CellValue;

export interface SheetRow<K extends string> {
  line: number;
  cells: Record<K, SheetCell>;
}

export type SheetResult<K extends string> =
  { ok: true; rows: SheetRow<K>[] } | { ok: false; message: string };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** An XLSX is a ZIP archive: it starts with «PK\x03\x04», whatever its name says. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.byteLength > 4 && ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** «  Код  ОКСО* » → «код оксо»: how headers are compared. */
export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^a-zа-я0-9]+/g, ' ')
    .trim();
}

/** The text of a cell whatever Excel stored: rich text, a formula's result, a hyperlink, a number. */
export function cellText(value: SheetCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText((value.result ?? null) as SheetCell);
    if ('text' in value) return cellText(value.text as SheetCell);
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}

/**
 * Reads the first sheet that has the header: every column found by its name (in any order), the
 * required ones must be there; empty rows are skipped. Refuses what is not an XLSX by its bytes.
 */
export async function readSheet<K extends string>(
  bytes: Uint8Array,
  columns: readonly ImportColumn<K>[],
): Promise<SheetResult<K>> {
  if (bytes.byteLength === 0) return { ok: false, message: 'Выберите файл XLSX' };
  if (bytes.byteLength > IMPORT_MAX_BYTES) return { ok: false, message: 'Файл больше 5 МБ' };
  if (!looksLikeXlsx(bytes))
    return { ok: false, message: 'Это не файл Excel (XLSX): сохраните таблицу в формате .xlsx' };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return { ok: false, message: 'Файл не читается как XLSX: сохраните таблицу в Excel ещё раз' };
  }
  const wanted = columns.map((c) => ({
    column: c,
    keys: new Set([c.header, ...(c.aliases ?? [])].map(headerKey)),
  }));
  for (const sheet of workbook.worksheets) {
    for (let headerLine = 1; headerLine <= Math.min(10, sheet.rowCount); headerLine++) {
      const positions = new Map<K, number>();
      sheet.getRow(headerLine).eachCell((cell, col) => {
        const key = headerKey(cellText(cell.value));
        const match = wanted.find((w) => w.keys.has(key));
        if (match && !positions.has(match.column.key)) positions.set(match.column.key, col);
      });
      if (positions.size === 0) continue;
      const missing = columns.filter((c) => c.required && !positions.has(c.key));
      if (missing.length)
        return {
          ok: false,
          message: `В файле нет ${missing.length > 1 ? 'столбцов' : 'столбца'} ${missing
            .map((c) => `«${c.header}»`)
            .join(', ')}: скачайте шаблон и перенесите данные в него`,
        };
      const rows: SheetRow<K>[] = [];
      for (let line = headerLine + 1; line <= sheet.rowCount; line++) {
        const row = sheet.getRow(line);
        const cells = {} as Record<K, SheetCell>;
        let filled = false;
        for (const [key, col] of positions) {
          const value = row.getCell(col).value;
          cells[key] = value;
          if (cellText(value) !== '') filled = true;
        }
        if (!filled) continue;
        if (rows.length === IMPORT_MAX_ROWS)
          return {
            ok: false,
            message: `В файле больше ${IMPORT_MAX_ROWS.toLocaleString('ru-RU')} строк: разделите его на несколько`,
          };
        rows.push({ line, cells });
      }
      if (!rows.length)
        return { ok: false, message: 'В файле нет ни одной заполненной строки под заголовком' };
      return { ok: true, rows };
    }
  }
  return {
    ok: false,
    message: `Не найдена строка заголовков (${columns
      .filter((c) => c.required)
      .map((c) => `«${c.header}»`)
      .join(', ')}): скачайте шаблон и перенесите данные в него`,
  };
}
