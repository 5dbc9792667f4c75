/**
 * One description of a table for every export format: a Russian header, a width and a kind per
 * column, and how to get the value from a row. The XLSX writer and the CSV writer read the same
 * columns, so the drill-down lists of the indicators give the same table in both.
 */
export type CellKind = 'text' | 'date' | 'integer' | 'number';
export type CellValue = string | number | Date | null | undefined;

export interface ExportColumn<Row> {
  header: string;
  /** Width in characters (Excel's unit); defaults to the header's length + 2, at least 10. */
  width?: number;
  /** date: a real Excel date shown ДД.ММ.ГГГГ (give a Date or 'YYYY-MM-DD'); integer/number: a number. */
  kind?: CellKind;
  value: (row: Row) => CellValue;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** 'YYYY-MM-DD' (or a Date) as a Date at UTC midnight: Excel stores the day, not a moment. */
export function toExcelDate(value: CellValue): Date | null {
  if (value == null || value === '') return null;
  if (value instanceof Date) {
    return new Date(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate()));
  }
  const m = ISO_DATE.exec(String(value));
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** ДД.ММ.ГГГГ of a date value, or ''. */
export function russianDate(value: CellValue): string {
  const d = toExcelDate(value);
  if (!d) return '';
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}.${mm}.${d.getUTCFullYear()}`;
}

export function columnWidth(column: { header: string; width?: number }): number {
  return column.width ?? Math.max(10, column.header.length + 2);
}

/** The cell's value for the writer: dates as Date, numbers as numbers, the rest as text. */
export function cellValue<Row>(column: ExportColumn<Row>, row: Row): string | number | Date | null {
  const value = column.value(row);
  if (value == null || value === '') return null;
  switch (column.kind ?? 'text') {
    case 'date':
      return toExcelDate(value);
    case 'integer':
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : String(value);
    }
    default:
      return value instanceof Date ? russianDate(value) : String(value);
  }
}
