import { isValidInn } from '../../validation/inn.ts';
import { cellText, type SheetCell } from './sheet.ts';

/** A parsed cell, or the Russian message about it. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

const iso = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
};

/**
 * A date as people put it in Excel: a date cell (exceljs gives midnight UTC of that day), an Excel
 * serial number in a cell without a date format, or text «ДД.ММ.ГГГГ» (also «Д.М.ГГГГ» and
 * «ГГГГ-ММ-ДД»). Returns «YYYY-MM-DD».
 */
export function parseDate(value: SheetCell, required: boolean): Parsed<string | null> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return bad('дата не читается: пишите ДД.ММ.ГГГГ');
    return ok(value.toISOString().slice(0, 10));
  }
  if (typeof value === 'number') {
    // Excel's day 1 is 1900-01-01 (with its 1900 leap-year bug: serial 60 does not exist after 1900-02-28)
    if (!Number.isInteger(value) || value < 1 || value > 200_000)
      return bad('дата не читается: пишите ДД.ММ.ГГГГ');
    return ok(new Date(Date.UTC(1899, 11, 30) + value * 86_400_000).toISOString().slice(0, 10));
  }
  const text = cellText(value);
  if (!text) return required ? bad('заполните дату (ДД.ММ.ГГГГ)') : ok(null);
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г\.?)?$/.exec(text);
  if (m) {
    const date = iso(Number(m[3]), Number(m[2]), Number(m[1]));
    return date ? ok(date) : bad(`такой даты нет: «${text}»`);
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const date = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? ok(date) : bad(`такой даты нет: «${text}»`);
  }
  return bad(`дата «${text}» не читается: пишите ДД.ММ.ГГГГ`);
}

/** ФИО: at least two words, at most 200 characters. */
export function parseName(value: SheetCell): Parsed<string> {
  const text = cellText(value).replace(/\s+/g, ' ');
  if (!text) return bad('заполните ФИО');
  if (text.length > 200) return bad('ФИО — не длиннее 200 знаков');
  if (text.split(' ').length < 2) return bad('укажите фамилию и имя (и отчество, если есть)');
  return ok(text);
}

/**
 * An ОКСО code «00.00.00». Excel turns a typed «09.03.01» into the date 09.03.2001 when the column
 * is not text: such a date is read back as the code it was.
 */
export function parseOkso(value: SheetCell, required: boolean): Parsed<string | null> {
  if (value instanceof Date) {
    const d = value.toISOString().slice(0, 10).split('-');
    return ok(`${d[2]}.${d[1]}.${d[0].slice(2)}`);
  }
  const text = cellText(value);
  if (!text) return required ? bad('заполните код ОКСО, например 09.03.01') : ok(null);
  if (!/^\d{2}\.\d{2}\.\d{2}$/.test(text)) return bad(`код ОКСО «${text}» пишется как 09.03.01`);
  return ok(text);
}

/** ИНН: 10 or 12 digits with the right check digits (the same rule as the database). */
export function parseInn(value: SheetCell): Parsed<string> {
  const text = cellText(value).replace(/\s+/g, '');
  if (!text) return bad('заполните ИНН работодателя');
  if (!/^(\d{10}|\d{12})$/.test(text)) return bad(`ИНН «${text}» — это 10 или 12 цифр`);
  if (!isValidInn(text)) return bad(`ИНН ${text} с ошибкой: не сходится контрольная цифра`);
  return ok(text);
}

/** Optional free text with a length limit. */
export function parseText(value: SheetCell, max: number): Parsed<string | null> {
  const text = cellText(value).replace(/\s+/g, ' ');
  if (!text) return ok(null);
  if (text.length > max) return bad(`не длиннее ${max} знаков`);
  return ok(text);
}

/** A value from a fixed list, compared without case, ё/е and extra spaces. */
export function parseChoice<T extends string>(
  value: SheetCell,
  choices: Record<string, T>,
  message: string,
  fallback?: T,
): Parsed<T> {
  const text = cellText(value).toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ');
  if (!text && fallback) return ok(fallback);
  const found = choices[text] ?? choices[text.replace(/ практика$/, '')];
  return found ? ok(found) : bad(message);
}
