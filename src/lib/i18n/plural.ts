/**
 * Russian plural forms through the platform's own rules (`Intl.PluralRules('ru')`), so that a count
 * always agrees with its noun: «1 работодатель», «3 работодателя», «5 работодателей», «21 работодатель».
 */
export interface PluralForms {
  /** 1, 21, 101 … — «работодатель» */
  one: string;
  /** 2–4, 22–24 … — «работодателя» */
  few: string;
  /** 0, 5–20, 25 … — «работодателей» */
  many: string;
  /** fractions (1,5): the genitive singular, which is the «few» form unless given */
  other?: string;
}

const rules = new Intl.PluralRules('ru');
const numbers = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });

/** The form of the noun for n: `pluralWord(3, forms)` → «работодателя». */
export function pluralWord(n: number, forms: PluralForms): string {
  switch (rules.select(n)) {
    case 'one':
      return forms.one;
    case 'few':
      return forms.few;
    case 'many':
      return forms.many;
    default:
      return forms.other ?? forms.few;
  }
}

/** The number with its noun: `plural(5, forms)` → «5 работодателей» (thousands grouped: «1 234 …»). */
export function plural(n: number, forms: PluralForms): string {
  return `${numbers.format(n)} ${pluralWord(n, forms)}`;
}
