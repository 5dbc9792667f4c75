/**
 * Reads a register file into rows of cells, deciding what the file is by its bytes (never by its
 * name): XLSX is a zip (PK\x03\x04) that exceljs opens; CSV is text — UTF-8 (with or without a
 * BOM), UTF-16 with a BOM («Юникод» text from Excel), or Windows-1251, which Excel writes for
 * «CSV (разделители — запятые)» on Russian Windows: that one is detected (not valid UTF-8) and
 * decoded, and the preview says so. The separator is whichever of ; , or tab the first line uses.
 */
import ExcelJS from 'exceljs';
import { EMPTY, type Cell } from './cells.ts';

export interface RawRow {
  /** the row number as the spreadsheet shows it (CSV: the record's line) */
  number: number;
  cells: Cell[];
}

export interface RawTable {
  format: 'xlsx' | 'csv';
  rows: RawRow[];
  /** what the reader did about the file, for the preview (encoding, sheet) */
  notes: string[];
}

export type ReadResult = { ok: true; table: RawTable } | { ok: false; message: string };

/** More rows than this is refused as a whole (the import must stay one transaction of bounded size). */
export const MAX_DATA_ROWS = 20_000;

const NOT_A_TABLE = 'Файл не похож на таблицу: загрузите XLSX (Excel) или CSV с заголовками из шаблона.';

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

export async function readTable(bytes: Uint8Array, maxDataRows = MAX_DATA_ROWS): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, message: 'Файл пуст.' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes, maxDataRows);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return {
      ok: false,
      message:
        'Это файл старого формата Excel (.xls): откройте его в Excel и сохраните как «Книга Excel (.xlsx)».',
    };
  }
  if (startsWith(bytes, [0x50, 0x4b])) return { ok: false, message: NOT_A_TABLE };
  return readCsv(bytes, maxDataRows);
}

// XLSX -----------------------------------------------------------------------------------------

function excelCell(value: ExcelJS.CellValue): Cell {
  if (value == null) return EMPTY;
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'ИСТИНА' : 'ЛОЖЬ' };
  if (value instanceof Date) {
    // exceljs gives Excel's day as a UTC moment; a time part (a serial with a fraction) is dropped
    if (Number.isNaN(value.getTime())) return { kind: 'bad', message: 'не дата' };
    return { kind: 'date', iso: value.toISOString().slice(0, 10) };
  }
  if (typeof value === 'object') {
    if ('richText' in value) return excelCell(value.richText.map((r) => r.text).join(''));
    if ('error' in value) return { kind: 'bad', message: `ячейка с ошибкой ${value.error}` };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result === undefined || result === null) {
        return {
          kind: 'bad',
          message:
            'формула без сохранённого значения: откройте файл в Excel и сохраните его, или вставьте значения',
        };
      }
      if (typeof result === 'object' && result !== null && 'error' in result) {
        return { kind: 'bad', message: `формула даёт ошибку ${(result as { error: string }).error}` };
      }
      return excelCell(result as ExcelJS.CellValue);
    }
    if ('text' in value) return excelCell((value as { text: string }).text);
  }
  return { kind: 'text', text: String(value) };
}

async function readXlsx(bytes: Uint8Array, maxDataRows: number): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    return { ok: false, message: 'Файл — архив, но не книга Excel: он повреждён или это не XLSX.' };
  }
  const sheets = workbook.worksheets.filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  const sheet = sheets.find((s) => !/^(инструкция|списки)$/i.test(s.name.trim())) ?? sheets[0];
  if (!sheet || sheet.actualRowCount === 0) return { ok: false, message: 'Файл пуст: в книге нет строк.' };
  if (sheet.actualRowCount > maxDataRows + 1) {
    return {
      ok: false,
      message: `В листе «${sheet.name}» ${sheet.actualRowCount - 1} строк — больше ${maxDataRows.toLocaleString('ru-RU')}: разделите файл на части.`,
    };
  }
  // merged ranges by each cell they cover
  const merged = new Map<string, string>();
  const merges = (
    sheet as unknown as {
      _merges: Record<string, { top: number; left: number; bottom: number; right: number; range: string }>;
    }
  )._merges;
  for (const range of Object.values(merges ?? {})) {
    for (let r = range.top; r <= range.bottom; r += 1) {
      for (let c = range.left; c <= range.right; c += 1) merged.set(`${r}:${c}`, range.range);
    }
  }
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: Cell[] = [];
    const count = row.cellCount;
    for (let c = 1; c <= count; c += 1) {
      const cell = row.getCell(c);
      const range = merged.get(`${number}:${c}`);
      // a covered cell of a merge shows the master's value: keep it for headers, refuse it in data
      const inner = excelCell(
        range ? (sheet.getCell(range.split(':')[0]).value as ExcelJS.CellValue) : cell.value,
      );
      cells.push(range ? { kind: 'merged', range, inner } : inner);
    }
    rows.push({ number, cells });
  });
  const notes = sheets.length > 1 ? [`Прочитан лист «${sheet.name}».`] : [];
  return { ok: true, table: { format: 'xlsx', rows, notes } };
}

// CSV ------------------------------------------------------------------------------------------

function decodeText(bytes: Uint8Array): { text: string; note?: string } | null {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const head = bytes.subarray(0, 64 * 1024);
  // text has no NUL bytes and few control characters
  let control = 0;
  for (const b of head) {
    if (b === 0) return null;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control += 1;
  }
  if (control > head.length / 100) return null;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const text = new TextDecoder('windows-1251').decode(bytes);
    return {
      text,
      note: 'Файл в кодировке Windows-1251 (так сохраняет CSV Excel в русской Windows): прочитан в этой кодировке.',
    };
  }
}

function detectSeparator(firstLine: string): string {
  const counts = [';', ',', '\t'].map((sep) => {
    let n = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === sep) n += 1;
    }
    return [sep, n] as const;
  });
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ';';
}

/** RFC 4180 records (quotes, doubled quotes, line breaks inside quotes), with their first line number. */
function* csvRecords(text: string, sep: string): Generator<{ line: number; fields: string[] }> {
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === sep) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      fields.push(field);
      yield { line: recordLine, fields };
      fields = [];
      field = '';
      line += 1;
      recordLine = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    yield { line: recordLine, fields };
  }
}

function readCsv(bytes: Uint8Array, maxDataRows: number): ReadResult {
  const decoded = decodeText(bytes);
  if (!decoded) return { ok: false, message: NOT_A_TABLE };
  const text = decoded.text.replace(/^\ufeff/, '');
  if (text.trim() === '') return { ok: false, message: 'Файл пуст.' };
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const sep = detectSeparator(firstLine);
  const rows: RawRow[] = [];
  for (const record of csvRecords(text, sep)) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    if (rows.length > maxDataRows) {
      return {
        ok: false,
        message: `В файле больше ${maxDataRows.toLocaleString('ru-RU')} строк: разделите его на части.`,
      };
    }
    rows.push({
      number: record.line,
      cells: record.fields.map((f) => (f.trim() === '' ? EMPTY : ({ kind: 'text', text: f } as Cell))),
    });
  }
  return { ok: true, table: { format: 'csv', rows, notes: decoded.note ? [decoded.note] : [] } };
}
