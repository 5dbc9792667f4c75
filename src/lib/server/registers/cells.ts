/**
 * A cell of a register as read from XLSX or CSV, before its column gives it a meaning, and the
 * parsers of what registers hold: dates (Excel dates, or text in three formats), numbers, ИНН.
 */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; iso: string }
  /** a formula without a saved result, an error value (#Н/Д, #ДЕЛ/0!) */
  | { kind: 'bad'; message: string }
  /** part of merged cells (range like C5:C7): refused in data rows, read as text in headers */
  | { kind: 'merged'; range: string; inner: Cell };

export const EMPTY: Cell = { kind: 'empty' };

export function isEmpty(cell: Cell | undefined): boolean {
  if (!cell || cell.kind === 'empty') return true;
  if (cell.kind === 'text') return cell.text.trim() === '';
  return false;
}

/** What the cell shows, for messages and header matching. */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'text':
      return cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'date':
      return isoToRussian(cell.iso);
    case 'merged':
      return cellText(cell.inner);
    default:
      return '';
  }
}

export function isoToRussian(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** Header text as matched: case, surrounding and repeated spaces, ё/е do not matter. */
export function normalizeHeader(text: string): string {
  return text.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

/** The same rule as app_private.person_name_key: one person's name however it is typed. */
export function personNameKey(name: string): string {
  return name.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A two-digit year belongs to this century up to the current year, to the last one after it:
 * «05.03.98» is 1998, «01.09.23» is 2023.
 */
export function expandTwoDigitYear(yy: number, today = new Date()): number {
  const current = today.getFullYear() % 100;
  return yy <= current ? 2000 + yy : 1900 + yy;
}

/** Dates typed as text, in the three formats the registers use: ДД.ММ.ГГГГ, ГГГГ-ММ-ДД, Д.М.ГГ. */
export const TEXT_DATE_FORMATS = 'ДД.ММ.ГГГГ, ГГГГ-ММ-ДД или Д.М.ГГ';

export function parseTextDate(text: string, today = new Date()): string | null {
  const t = text.trim().replace(/\s*г\.?$/, '');
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(t);
  if (m) {
    const year = m[3].length === 2 ? expandTwoDigitYear(Number(m[3]), today) : Number(m[3]);
    return isoOf(year, Number(m[2]), Number(m[1]));
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** Days since 30.12.1899 (Excel's serial date, the 1900 leap-year bug included). */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** A date cell: an Excel date, an Excel serial number, or text in one of the three formats. */
export function parseDateCell(cell: Cell): string | null {
  switch (cell.kind) {
    case 'date':
      return cell.iso;
    case 'number':
      return excelSerialToIso(cell.value);
    case 'text':
      return parseTextDate(cell.text);
    default:
      return null;
  }
}

/** An ИНН cell: digits as text, or a number Excel made of them. */
export function innText(cell: Cell): string {
  if (cell.kind === 'number') return Number.isInteger(cell.value) ? String(cell.value) : String(cell.value);
  return cellText(cell).replace(/\s+/g, '');
}

/** A whole number from a number cell or text like «25 000» / «25000,00». */
export function parseWholeNumber(cell: Cell): number | null {
  if (cell.kind === 'number') return Number.isInteger(cell.value) ? cell.value : null;
  const t = cellText(cell)
    .replace(/[\s\u00a0]/g, '')
    .replace(/,0+$/, '')
    .replace(/\.0+$/, '');
  return /^-?\d+$/.test(t) ? Number(t) : null;
}
