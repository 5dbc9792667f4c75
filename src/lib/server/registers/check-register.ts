/**
 * Checks a register file row by row, the way the preview shows it: every problem with its row
 * number and column name, in Russian; nothing is written here. Columns are found by their headers
 * (case, surrounding spaces and ё/е do not matter), wherever they stand: a table moved by a column
 * is read and the preview says so.
 */
import { isValidInn } from '../../validation/inn.ts';
import {
  cellText,
  innText,
  isEmpty,
  isoToRussian,
  normalizeHeader,
  parseDateCell,
  parseWholeNumber,
  personNameKey,
  TEXT_DATE_FORMATS,
  type Cell,
} from './cells.ts';
import { shown, type RegisterColumn, type RegisterDefinition, type RegisterRow } from './definitions.ts';
import type { RawTable } from './read-table.ts';

export interface Issue {
  /** the spreadsheet's row number; null for the file as a whole */
  row: number | null;
  /** the column's header (or letter); null for the row as a whole */
  column: string | null;
  message: string;
}

export function formatIssue(issue: Issue): string {
  if (issue.row == null) return issue.message;
  return issue.column
    ? `Строка ${issue.row}, «${issue.column}»: ${issue.message}`
    : `Строка ${issue.row}: ${issue.message}`;
}

export interface UniversityRef {
  id: string;
  name: string;
  short_name: string | null;
  inn: string | null;
}

export interface ExistingRow {
  row_number: number;
  import_id: string | null;
  import_row: number | null;
  on_platform: boolean;
}

export interface Probe {
  row: number;
  name_key: string | null;
  birth_date: string | null;
  university_id: string | null;
  organization_id: string;
  on_date: string;
  number: string | null;
}

/** Where the checker looks things up (the admin's own supabase client in the app). */
export interface References {
  universities(): Promise<UniversityRef[]>;
  /** registered employers by ИНН, for the ИНН given */
  employers(inns: string[]): Promise<Map<string, string>>;
  /** organizations of any kind (employers, universities, the administration) by ИНН */
  organizers(inns: string[]): Promise<Map<string, string>>;
  programmeCodes(): Promise<Set<string>>;
  existing(register: string, probes: Probe[]): Promise<ExistingRow[]>;
}

export interface CheckResult {
  rows: RegisterRow[];
  issues: Issue[];
  notes: string[];
  /** data rows in the file */
  rowCount: number;
  /** rows with at least one problem */
  errorRows: number;
  /** rows already imported before: skipped */
  existingRows: number;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const HEADER_SEARCH_ROWS = 10;

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function fileIssue(message: string): Issue {
  return { row: null, column: null, message };
}

function emptyResult(notes: string[], issues: Issue[], rowCount = 0): CheckResult {
  return { rows: [], issues, notes, rowCount, errorRows: 0, existingRows: 0 };
}

export async function checkRegister(
  def: RegisterDefinition,
  table: RawTable,
  refs: References,
): Promise<CheckResult> {
  const notes = [...table.notes];
  const expected = def.columns.map((c) => normalizeHeader(c.header));

  // the header row: the one of the first rows that names most of the register's columns
  let headerAt = -1;
  let best = 0;
  for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, table.rows.length); i += 1) {
    const score = table.rows[i].cells.filter((c) => expected.includes(normalizeHeader(cellText(c)))).length;
    if (score > best) {
      best = score;
      headerAt = i;
    }
  }
  if (table.rows.length === 0) return emptyResult(notes, [fileIssue('Файл пуст.')]);
  if (headerAt < 0 || best < Math.min(2, expected.length)) {
    return emptyResult(notes, [
      fileIssue(
        `Не найдена строка заголовков реестра «${def.title}». Первая строка таблицы должна содержать: ${def.columns.map((c) => c.header).join('; ')}. Скачайте шаблон.`,
      ),
    ]);
  }
  const headerCells = table.rows[headerAt].cells;
  const positions = new Map<string, number>();
  const unknown: string[] = [];
  headerCells.forEach((cell, index) => {
    const text = normalizeHeader(cellText(cell));
    if (!text) return;
    const col = def.columns[expected.indexOf(text)];
    if (!col) {
      unknown.push(`${columnLetter(index)} («${cellText(cell)}»)`);
    } else if (positions.has(col.key)) {
      notes.push(
        `Столбец «${col.header}» встречается дважды (${columnLetter(positions.get(col.key)!)} и ${columnLetter(index)}): читается первый.`,
      );
    } else positions.set(col.key, index);
  });
  const missing = def.columns.filter((c) => !positions.has(c.key));
  if (missing.length > 0) {
    return emptyResult(
      notes,
      missing.map((c) =>
        fileIssue(`Нет столбца «${c.header}»: добавьте его в строку заголовков (как в шаблоне).`),
      ),
    );
  }
  // where the columns stand compared with the template
  const first = positions.get(def.columns[0].key)!;
  const inOrder = def.columns.every((c, i) => positions.get(c.key) === first + i);
  if (inOrder && first > 0) {
    notes.push(
      `Таблица сдвинута на ${first} ${first === 1 ? 'столбец' : 'столбца'} вправо: заголовки начинаются со столбца ${columnLetter(first)}, а не A. Столбцы прочитаны по заголовкам.`,
    );
  } else if (!inOrder) {
    def.columns.forEach((c, i) => {
      const at = positions.get(c.key)!;
      if (at !== i) {
        notes.push(
          `Столбец «${c.header}» стоит в ${columnLetter(at)}, а по шаблону — в ${columnLetter(i)}: прочитан по заголовку.`,
        );
      }
    });
  }
  if (unknown.length > 0) notes.push(`Столбцы не из шаблона не читаются: ${unknown.join(', ')}.`);
  if (headerAt > 0)
    notes.push(`Заголовки найдены в строке ${table.rows[headerAt].number}; строки выше пропущены.`);

  const dataRows = table.rows.slice(headerAt + 1).filter((r) => r.cells.some((c) => !isEmpty(c)));
  if (dataRows.length === 0) {
    return emptyResult(notes, [fileIssue('В файле нет строк с данными: под заголовками пусто.')]);
  }
  const headerColumns = new Set(positions.values());

  // references: universities and programmes once, employers for the ИНН the file names
  const innColumns = def.columns.filter((c) => c.type === 'employer' || c.type === 'organizer');
  const byOrganizer = def.columns.some((c) => c.type === 'organizer');
  const inns = new Set<string>();
  for (const r of dataRows) {
    for (const c of innColumns) {
      const inn = innText(r.cells[positions.get(c.key)!] ?? { kind: 'empty' });
      if (isValidInn(inn)) inns.add(inn);
    }
  }
  const [universities, programmes, employers] = await Promise.all([
    refs.universities(),
    def.columns.some((c) => c.type === 'okso') ? refs.programmeCodes() : Promise.resolve(new Set<string>()),
    byOrganizer ? refs.organizers([...inns]) : refs.employers([...inns]),
  ]);
  const universityByText = new Map<string, string>();
  for (const u of universities) {
    universityByText.set(normalizeHeader(u.name), u.id);
    if (u.short_name) universityByText.set(normalizeHeader(u.short_name), u.id);
  }
  const universityByInn = new Map(universities.filter((u) => u.inn).map((u) => [u.inn!, u.id]));
  const universityNames = universities
    .map((u) => u.short_name)
    .filter(Boolean)
    .slice(0, 8)
    .join(', ');

  const today = todayIso();
  const youngest = addYears(today, -14);
  const issues: Issue[] = [];
  const rows: RegisterRow[] = [];
  const rowsWithIssues = new Set<number>();
  const keys = new Map<string, number>();

  const problem = (row: number, column: string | null, message: string) => {
    issues.push({ row, column, message });
    rowsWithIssues.add(row);
  };

  function readCell(rowNumber: number, col: RegisterColumn, cell: Cell): unknown {
    const at = col.header;
    if (cell.kind === 'merged') {
      problem(
        rowNumber,
        at,
        `объединённая ячейка (${cell.range}): разъедините ячейки и заполните значение в каждой строке`,
      );
      return undefined;
    }
    if (cell.kind === 'bad') {
      problem(rowNumber, at, cell.message);
      return undefined;
    }
    if (isEmpty(cell)) {
      if (col.required) problem(rowNumber, at, 'не заполнено');
      return null;
    }
    const text = cellText(cell);
    switch (col.type) {
      case 'name':
        if (!/[а-яёa-z]/i.test(text) || text.length < 2 || text.length > (col.maxLength ?? 200)) {
          problem(rowNumber, at, 'ФИО — от 2 до 200 знаков, буквами');
          return undefined;
        }
        return text.replace(/\s+/g, ' ');
      case 'birth_date':
      case 'date': {
        const iso = parseDateCell(cell);
        if (!iso) {
          problem(
            rowNumber,
            at,
            `«${shown(cell)}» — не дата: нужна дата Excel или текст ${TEXT_DATE_FORMATS}`,
          );
          return undefined;
        }
        if (col.type === 'birth_date' && (iso < '1930-01-01' || iso > youngest)) {
          problem(
            rowNumber,
            at,
            `дата рождения ${isoToRussian(iso)} вне разумных пределов (человеку не меньше 14 лет)`,
          );
          return undefined;
        }
        if (col.type === 'date' && (iso < '2000-01-01' || iso > '2100-12-31')) {
          problem(rowNumber, at, `дата ${isoToRussian(iso)} вне разумных пределов (2000–2100)`);
          return undefined;
        }
        return iso;
      }
      case 'university': {
        const digits = text.replace(/\s+/g, '');
        if (/^\d{10}(\d{2})?$/.test(digits)) {
          if (!isValidInn(digits)) {
            problem(rowNumber, at, `неверная контрольная сумма ИНН ${digits}`);
            return undefined;
          }
          const id = universityByInn.get(digits);
          if (!id) problem(rowNumber, at, `вуз с ИНН ${digits} не найден на платформе`);
          return id;
        }
        const id = universityByText.get(normalizeHeader(text));
        if (!id) {
          problem(
            rowNumber,
            at,
            `вуз «${shown(cell)}» не найден на платформе: укажите краткое название (${universityNames}) или ИНН`,
          );
        }
        return id;
      }
      case 'okso': {
        // Excel turns a typed 18.03.01 into the date 18.03.2001: read it back as the code
        const code = cell.kind === 'date' ? isoToRussian(cell.iso).replace(/\.(\d\d)(\d\d)$/, '.$2') : text;
        if (!/^\d{2}\.\d{2}\.\d{2}$/.test(code)) {
          problem(rowNumber, at, `«${shown(cell)}» — не код ОКСО: нужен вид 18.03.01`);
          return undefined;
        }
        if (!programmes.has(code)) {
          problem(rowNumber, at, `код ${code} не найден в классификаторе ОКСО`);
          return undefined;
        }
        return code;
      }
      case 'employer':
      case 'organizer': {
        const inn = innText(cell);
        if (!/^\d{10}(\d{2})?$/.test(inn)) {
          problem(rowNumber, at, `«${shown(cell)}» — не ИНН: нужно 10 или 12 цифр`);
          return undefined;
        }
        if (!isValidInn(inn)) {
          problem(rowNumber, at, `неверная контрольная сумма ИНН ${inn}`);
          return undefined;
        }
        const id = employers.get(inn);
        if (!id) {
          problem(
            rowNumber,
            at,
            col.type === 'organizer'
              ? `организация с ИНН ${inn} не зарегистрирована на платформе`
              : `работодатель с ИНН ${inn} не зарегистрирован на платформе`,
          );
        }
        return id;
      }
      case 'integer': {
        const n = parseWholeNumber(cell);
        if (n == null) {
          problem(rowNumber, at, `«${shown(cell)}» — не целое число`);
          return undefined;
        }
        if ((col.min != null && n < col.min) || (col.max != null && n > col.max)) {
          problem(rowNumber, at, col.rangeMessage ?? `число вне допустимых пределов`);
          return undefined;
        }
        return n;
      }
      case 'choice': {
        const wanted = normalizeHeader(text);
        const choice = col.choices?.find((c) => normalizeHeader(c.label) === wanted || c.value === wanted);
        if (!choice) {
          problem(
            rowNumber,
            at,
            `«${shown(cell)}» — выберите из списка: ${col.choices?.map((c) => c.label).join(', ')}`,
          );
          return undefined;
        }
        return choice.value;
      }
      default: {
        if (col.maxLength && text.length > col.maxLength) {
          problem(rowNumber, at, `не длиннее ${col.maxLength} знаков (сейчас ${text.length})`);
          return undefined;
        }
        return text;
      }
    }
  }

  for (const raw of dataRows) {
    const row: RegisterRow = { row: raw.number };
    for (const col of def.columns) {
      row[col.key] = readCell(raw.number, col, raw.cells[positions.get(col.key)!] ?? { kind: 'empty' });
    }
    raw.cells.forEach((cell, index) => {
      if (!headerColumns.has(index) && !isEmpty(cell)) {
        problem(
          raw.number,
          null,
          `значение «${shown(cell)}» в столбце ${columnLetter(index)} без заголовка: похоже, строка сдвинута — каждое значение должно стоять под своим заголовком`,
        );
      }
    });
    if (rowsWithIssues.has(raw.number)) continue;
    for (const p of def.check?.(row) ?? []) problem(raw.number, p.column, p.message);
    if (rowsWithIssues.has(raw.number)) continue;
    if (def.people) row.name_key = personNameKey(String(row.full_name));
    const key = [
      def.people ? [row.name_key, row.birth_date, row.university_id].join('|') : '',
      row.organization_id,
      def.fileKey ? def.fileKey(row) : def.keyNumber ? def.keyNumber(row) : def.keyDate(row),
    ].join('|');
    const earlier = keys.get(key);
    if (earlier != null) {
      problem(raw.number, null, `повтор строки ${earlier} (${def.keyWords})`);
      continue;
    }
    keys.set(key, raw.number);
    rows.push({ ...row, ...def.extra?.(row) });
  }

  // rows that are already records: of an earlier import (skipped) or on the platform (refused)
  let existingRows = 0;
  const existing = await refs.existing(
    def.key,
    rows.map((r) => ({
      row: r.row,
      name_key: (r.name_key as string) ?? null,
      birth_date: (r.birth_date as string) ?? null,
      university_id: (r.university_id as string) ?? null,
      organization_id: String(r.organization_id),
      on_date: def.keyDate(r),
      number: def.keyNumber ? def.keyNumber(r) : null,
    })),
  );
  const onPlatform = new Set<number>();
  const imported = new Map<number, ExistingRow>();
  for (const e of existing) {
    if (e.on_platform) onPlatform.add(e.row_number);
    else imported.set(e.row_number, e);
  }
  for (const r of rows) {
    if (onPlatform.has(r.row)) {
      problem(r.row, null, `такая запись уже есть на платформе (${def.keyWords})`);
    } else if (imported.has(r.row)) {
      existingRows += 1;
      r.existing = true;
    }
  }
  const order = new Map(def.columns.map((c, i) => [c.header, i]));
  issues.sort(
    (a, b) =>
      (a.row ?? 0) - (b.row ?? 0) || (order.get(a.column ?? '') ?? 99) - (order.get(b.column ?? '') ?? 99),
  );
  return {
    rows: rows.filter((r) => !rowsWithIssues.has(r.row)),
    issues,
    notes,
    rowCount: dataRows.length,
    errorRows: rowsWithIssues.size,
    existingRows,
  };
}
