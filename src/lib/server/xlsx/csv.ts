import { cellValue, russianDate, type ExportColumn } from './columns.ts';
import { attachmentHeaders, CSV_TYPE } from './download.ts';

/**
 * CSV as Russian Excel opens it with a double click: UTF-8 with a byte-order mark (without it Excel
 * reads Windows-1251), semicolons between fields (the comma is the decimal separator there),
 * CRLF line ends, dates ДД.ММ.ГГГГ, decimal commas.
 */
export const CSV_SEPARATOR = ';';
const BOM = '\ufeff';

function quote(text: string): string {
  return /[";\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe. */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField<Row>(column: ExportColumn<Row>, row: Row): string {
  const value = cellValue(column, row);
  if (value == null) return '';
  if (value instanceof Date) return russianDate(value);
  if (typeof value === 'number') return String(value).replace('.', ',');
  return quote(defuse(value));
}

export function* csvLines<Row>(columns: ExportColumn<Row>[], rows: Iterable<Row>): Generator<string> {
  yield BOM + columns.map((c) => quote(c.header)).join(CSV_SEPARATOR) + '\r\n';
  for (const row of rows) yield columns.map((c) => csvField(c, row)).join(CSV_SEPARATOR) + '\r\n';
}

export function toCsv<Row>(columns: ExportColumn<Row>[], rows: Iterable<Row>): string {
  return [...csvLines(columns, rows)].join('');
}

/** Streams the CSV as a download. */
export function csvResponse<Row>(
  fileName: string,
  columns: ExportColumn<Row>[],
  rows: Iterable<Row>,
): Response {
  const encoder = new TextEncoder();
  const lines = csvLines(columns, rows);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, { headers: attachmentHeaders(fileName, CSV_TYPE) });
}
