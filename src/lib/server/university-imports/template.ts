import ExcelJS from 'exceljs';
import type { ImportColumn } from './sheet.ts';

/** How many rows of the template carry the drop-downs and the formats. */
const TEMPLATE_ROWS = 2000;

export interface TemplateInput {
  sheetName: string;
  columns: readonly ImportColumn[];
  /** Paragraphs above the column table of the instructions sheet. */
  instructions: string[];
  /** A reference sheet (e.g. the verified employers with their ИНН). */
  reference?: { name: string; headers: string[]; rows: string[][] };
}

/**
 * An XLSX template: the data sheet with the header row (bold, frozen), text and date formats per
 * column and drop-downs for the columns with fixed values; an «Инструкция» sheet describing every
 * column with an example; and an optional reference sheet.
 */
export async function buildTemplate(input: TemplateInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'КемероVоПРОФИ';
  const sheet = workbook.addWorksheet(input.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = input.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(14, c.header.length + 4),
    style: c.format === 'text' ? { numFmt: '@' } : c.format === 'date' ? { numFmt: 'dd.mm.yyyy' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  input.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.note = `${c.required ? 'Обязательно. ' : 'Можно не заполнять. '}${c.hint}`;
    if (!c.choices && c.format !== 'date') return;
    for (let line = 2; line <= TEMPLATE_ROWS + 1; line++) {
      const target = sheet.getCell(line, i + 1);
      target.dataValidation = c.choices
        ? {
            type: 'list',
            allowBlank: !c.required,
            formulae: [`"${c.choices.join(',')}"`],
            showErrorMessage: true,
            errorTitle: c.header,
            error: `Выберите из списка: ${c.choices.join(', ')}`,
          }
        : {
            type: 'date',
            operator: 'greaterThan',
            allowBlank: true,
            formulae: [new Date(Date.UTC(1930, 0, 1))],
            showErrorMessage: true,
            errorTitle: c.header,
            error: 'Дата в виде ДД.ММ.ГГГГ',
          };
    }
  });

  const help = workbook.addWorksheet('Инструкция');
  help.getColumn(1).width = 26;
  help.getColumn(2).width = 16;
  help.getColumn(3).width = 70;
  help.getColumn(4).width = 28;
  let line = 1;
  for (const paragraph of input.instructions) {
    help.mergeCells(line, 1, line, 4);
    const cell = help.getCell(line, 1);
    cell.value = paragraph;
    cell.alignment = { wrapText: true, vertical: 'top' };
    help.getRow(line).height = Math.max(15, Math.ceil(paragraph.length / 110) * 15);
    line++;
  }
  line++;
  const head = help.getRow(line);
  head.values = ['Столбец', 'Обязательный', 'Что писать', 'Пример'];
  head.font = { bold: true };
  for (const c of input.columns) {
    line++;
    const row = help.getRow(line);
    row.values = [c.header, c.required ? 'да' : 'нет', c.hint, c.example];
    row.alignment = { wrapText: true, vertical: 'top' };
  }

  if (input.reference) {
    const ref = workbook.addWorksheet(input.reference.name);
    ref.columns = input.reference.headers.map((h, i) => ({
      header: h,
      width: i === 0 ? 60 : 16,
      style: { numFmt: '@' },
    }));
    ref.getRow(1).font = { bold: true };
    for (const row of input.reference.rows) ref.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
