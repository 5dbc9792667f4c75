/**
 * Filled XLSX files for the university's uploads, written with exceljs as a person would fill the
 * downloadable template: either into the template itself (its «Студенты» / «Приказ» sheet, keeping
 * the header, formats and drop-downs) or into a fresh workbook with the same headers.
 */
import ExcelJS from 'exceljs';

export interface StudentListFileRow {
  name: string;
  birthDate?: Date | string | null;
  okso?: string | null;
  year?: number | string | null;
  status?: string | null;
}

export interface PracticeOrderFileRow {
  name: string;
  birthDate?: Date | string | null;
  okso: string;
  inn: string;
  practiceType: string;
  startsOn: Date | string;
  endsOn: Date | string;
  orderNumber?: string | null;
  orderDate?: Date | string | null;
  supervisor?: string | null;
}

export const STUDENT_LIST_HEADERS = ['ФИО', 'Дата рождения', 'Код ОКСО', 'Курс/Год выпуска', 'Статус'];
export const PRACTICE_ORDER_HEADERS = [
  'ФИО',
  'Дата рождения',
  'Код ОКСО',
  'ИНН работодателя',
  'Вид практики',
  'Начало',
  'Окончание',
  'Приказ №',
  'Дата приказа',
  'Руководитель от вуза',
];

/** «2026-07-01» → a date cell (midnight UTC, as Excel dates read back); other values as they are. */
export const excelDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function fill(
  template: Uint8Array | null,
  sheetName: string,
  headers: string[],
  rows: Array<Array<ExcelJS.CellValue>>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet;
  if (template) {
    await workbook.xlsx.load(Buffer.from(template) as never);
    sheet = workbook.getWorksheet(sheetName) ?? workbook.worksheets[0];
  } else {
    sheet = workbook.addWorksheet(sheetName);
    sheet.addRow(headers);
  }
  const positions = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => positions.set(String(cell.value), col));
  rows.forEach((values, i) => {
    const row = sheet.getRow(i + 2);
    headers.forEach((h, j) => {
      const col = positions.get(h);
      if (col && values[j] !== undefined && values[j] !== null) row.getCell(col).value = values[j];
    });
    row.commit();
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const asCell = (v: Date | string | null | undefined) =>
  v === undefined || v === null
    ? null
    : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
      ? excelDate(v)
      : v;

export function studentListFile(rows: StudentListFileRow[], template: Uint8Array | null = null) {
  return fill(
    template,
    'Студенты',
    STUDENT_LIST_HEADERS,
    rows.map((r) => [r.name, asCell(r.birthDate), r.okso ?? null, r.year ?? null, r.status ?? null]),
  );
}

export function practiceOrderFile(rows: PracticeOrderFileRow[], template: Uint8Array | null = null) {
  return fill(
    template,
    'Приказ',
    PRACTICE_ORDER_HEADERS,
    rows.map((r) => [
      r.name,
      asCell(r.birthDate),
      r.okso,
      r.inn,
      r.practiceType,
      asCell(r.startsOn),
      asCell(r.endsOn),
      r.orderNumber ?? null,
      asCell(r.orderDate),
      r.supervisor ?? null,
    ]),
  );
}
