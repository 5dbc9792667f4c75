import ExcelJS from 'exceljs';
import { TEXT_DATE_FORMATS } from './cells.ts';
import type { RegisterDefinition } from './definitions.ts';
import { MAX_DATA_ROWS } from './read-table.ts';
import { DATE_FORMAT } from '../xlsx/write-sheet.ts';
import { columnLetter } from './check-register.ts';

/**
 * The template of a register: the sheet «Реестр» with the header row (frozen, filtered), date and
 * text formats per column (ИНН and ОКСО kept as text, so Excel neither drops digits nor turns
 * 18.03.01 into a date), drop-down lists for kinds and universities (data validation), and the
 * sheet «Инструкция» saying what each column takes.
 */
export function buildTemplate(def: RegisterDefinition, universities: string[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'КемероVоПРОФИ';
  const sheet = workbook.addWorksheet('Реестр');
  sheet.columns = def.columns.map((c) => ({
    header: c.header,
    width: c.width,
    style:
      c.type === 'date' || c.type === 'birth_date'
        ? { numFmt: DATE_FORMAT }
        : c.type === 'employer' ||
            c.type === 'organizer' ||
            c.type === 'okso' ||
            c.type === 'university' ||
            c.type === 'text'
          ? { numFmt: '@' }
          : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: def.columns.length } };

  const lists = workbook.addWorksheet('Списки', { state: 'hidden' });
  universities.forEach((u, i) => (lists.getCell(i + 1, 1).value = u));
  const last = MAX_DATA_ROWS + 1;
  // exceljs keeps validations by address and takes a range too; its types omit the collection
  const validations = (
    sheet as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  def.columns.forEach((c, i) => {
    const letter = columnLetter(i);
    const range = `${letter}2:${letter}${last}`;
    if (c.choices) {
      validations.add(range, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${c.choices.map((x) => x.label).join(',')}"`],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `Выберите из списка: ${c.choices.map((x) => x.label).join(', ')}`,
      });
    } else if (c.type === 'university' && universities.length > 0) {
      // a list to pick from, but an ИНН typed in is allowed too
      validations.add(range, {
        type: 'list',
        allowBlank: false,
        formulae: [`Списки!$A$1:$A$${universities.length}`],
        showErrorMessage: false,
      });
    } else if (c.type === 'integer' && c.min != null && c.max != null) {
      validations.add(range, {
        type: 'whole',
        operator: 'between',
        allowBlank: !c.required,
        formulae: [c.min, c.max],
        showErrorMessage: true,
        errorTitle: c.header,
        error: c.rangeMessage ?? `Целое число от ${c.min} до ${c.max}`,
      });
    }
  });

  const help = workbook.addWorksheet('Инструкция');
  help.columns = [
    { header: 'Столбец', width: 22 },
    { header: 'Обязательный', width: 14 },
    { header: 'Что писать', width: 70 },
    { header: 'Пример', width: 30 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of def.columns) help.addRow([c.header, c.required ? 'да' : 'нет', c.hint, c.example]);
  help.addRow([]);
  for (const line of [
    `Реестр «${def.title}»: одна строка — одна запись; заголовки в первой строке листа «Реестр», как в шаблоне.`,
    `Даты — датой Excel или текстом: ${TEXT_DATE_FORMATS}.`,
    'ИНН проверяется по контрольной сумме; организация должна быть зарегистрирована на платформе.',
    'Не объединяйте ячейки и не оставляйте формулы без значений: такие строки не примутся.',
    `Не больше ${MAX_DATA_ROWS.toLocaleString('ru-RU')} строк в файле. Можно загрузить и CSV (разделитель «;», кодировка UTF-8 или Windows-1251).`,
    `Повторная загрузка того же файла ничего не добавит: одна запись — ${def.keyWords}.`,
  ]) {
    help.addRow([line]);
  }
  return workbook;
}
