import ExcelJS from 'exceljs';
import {
  formatDate,
  PASSPORT_DIRECTION_LABELS,
  STATUS_LABELS,
  type IndicatorView,
} from '../../indicators.ts';
import type { ProgrammePeriod } from './load-periods.ts';

/** Rows above the table: the title block. The header takes the two rows after it. */
const TITLE_ROWS = 4;
export const PASSPORT_HEADER_ROW = TITLE_ROWS + 1;
export const PASSPORT_FIRST_DATA_ROW = TITLE_ROWS + 3;
/** №, Показатель, Ед. изм., Базовое значение, then three columns per year, then the direction. */
const FIXED = 4;
const PER_YEAR = 3;

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * The passport table as the municipal project's passport lays it out: a title block naming the
 * programme and its period, then one row per indicator — №, name, unit, baseline, plan / fact /
 * % of plan for each year (years as column groups under a merged year header), and the wanted
 * direction (рост / снижение). The second sheet gives each indicator's rule («как считается»).
 * Numbers are numbers (a spreadsheet can sum them); a fact not computed yet is an empty cell with
 * the reason on the second sheet.
 */
export function buildPassport(
  period: ProgrammePeriod,
  indicators: IndicatorView[],
  today: string,
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'КемероVоПРОФИ';
  workbook.title = `Паспорт проекта: ${period.name}`;
  const sheet = workbook.addWorksheet('Паспорт', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  const years = indicators[0]?.years.map((y) => y.year) ?? [];
  const lastColumn = FIXED + years.length * PER_YEAR + 1;

  const title = (row: number, text: string, bold = false) => {
    sheet.mergeCells(row, 1, row, lastColumn);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = { bold, size: bold ? 14 : 11 };
  };
  title(1, 'Показатели муниципального проекта #КемероVоПРОФИ', true);
  title(
    2,
    `Программа: ${period.name}; период: ${formatDate(period.starts_on)} – ${formatDate(period.ends_on)}`,
  );
  title(
    3,
    `Факт — из записей платформы в подтверждённых состояниях на ${formatDate(today)}; % плана: факт ÷ план для роста, план ÷ факт для снижения`,
  );

  // two header rows: the fixed columns merged down, each year merged across its three columns
  const h1 = PASSPORT_HEADER_ROW;
  const h2 = h1 + 1;
  const fixedHeaders = ['№', 'Показатель', 'Ед. изм.', 'Базовое значение'];
  fixedHeaders.forEach((text, i) => {
    sheet.mergeCells(h1, i + 1, h2, i + 1);
    sheet.getCell(h1, i + 1).value = text;
  });
  years.forEach((year, i) => {
    const from = FIXED + i * PER_YEAR + 1;
    sheet.mergeCells(h1, from, h1, from + PER_YEAR - 1);
    sheet.getCell(h1, from).value = year;
    ['План', 'Факт', '% плана'].forEach((text, j) => (sheet.getCell(h2, from + j).value = text));
  });
  sheet.mergeCells(h1, lastColumn, h2, lastColumn);
  sheet.getCell(h1, lastColumn).value = 'Рост / снижение';
  for (const r of [h1, h2]) {
    const row = sheet.getRow(r);
    row.font = { bold: true };
    row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    for (let c = 1; c <= lastColumn; c += 1) {
      row.getCell(c).border = thin;
      row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
    }
  }

  indicators.forEach((indicator, n) => {
    const values: (string | number | null)[] = [n + 1, indicator.name, indicator.unit, indicator.baseline];
    for (const year of years) {
      const y = indicator.years.find((v) => v.year === year);
      values.push(y?.plan ?? null, y?.fact ?? null, y?.percent ?? null);
    }
    values.push(PASSPORT_DIRECTION_LABELS[indicator.direction]);
    const row = sheet.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    for (let c = 1; c <= lastColumn; c += 1) row.getCell(c).border = thin;
    years.forEach((_, i) => {
      row.getCell(FIXED + i * PER_YEAR + 3).numFmt = '0.0';
    });
  });

  sheet.getColumn(1).width = 5;
  sheet.getColumn(2).width = 60;
  sheet.getColumn(3).width = 9;
  sheet.getColumn(4).width = 11;
  for (let c = FIXED + 1; c < lastColumn; c += 1) sheet.getColumn(c).width = 9;
  sheet.getColumn(lastColumn).width = 12;
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: h2 }];

  const rules = workbook.addWorksheet('Как считается');
  rules.columns = [
    { header: '№', width: 5 },
    { header: 'Показатель', width: 50 },
    { header: 'Код', width: 30 },
    { header: 'Как считается', width: 100 },
    { header: 'Статус по годам', width: 50 },
  ];
  rules.getRow(1).font = { bold: true };
  indicators.forEach((indicator, n) => {
    const rule = indicator.pending_note
      ? `${indicator.rule} Факт пока не считается: ${indicator.pending_note}.`
      : indicator.rule;
    const statuses = indicator.years
      .map((y) => `${y.year}: ${STATUS_LABELS[y.status]}${y.note ? ` (${y.note})` : ''}`)
      .join('; ');
    const row = rules.addRow([n + 1, indicator.name, indicator.code, rule, statuses]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  return workbook;
}

/** «Паспорт показателей — #КемероVоПРОФИ 2023–2025.xlsx» */
export function passportFileName(period: ProgrammePeriod): string {
  return `Паспорт показателей — ${period.name.replace(/[\\/:*?"<>|]/g, ' ').trim()}.xlsx`;
}
