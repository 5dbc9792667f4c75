/**
 * «1 строка», «2 строки», «5 строк»: Russian plural forms by Intl.PluralRules('ru').
 * (A shared helper is coming in src/lib/i18n/plural.ts; this one is kept tiny until then.)
 */
const rules = new Intl.PluralRules('ru');

export function plural(n: number, forms: { one: string; few: string; many: string }): string {
  const form = rules.select(n);
  return `${n.toLocaleString('ru-RU')} ${form === 'one' ? forms.one : form === 'few' ? forms.few : forms.many}`;
}

export const ROWS = { one: 'строка', few: 'строки', many: 'строк' };
export const ROWS_GENITIVE = { one: 'строки', few: 'строк', many: 'строк' };
