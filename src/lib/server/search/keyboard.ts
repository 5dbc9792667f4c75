/**
 * How people mistype on Russian and English keyboards: the other layout left on («ghjuhfvvbcn» for
 * «программист», «ыьь» for «smm»), Latin transliteration («programmist»), and which letters are
 * easily hit or heard for one another (neighbouring keys, е/и/э/ё, а/о, и/ы, voiced/voiceless).
 */

const EN = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.";
const RU = 'ёйцукенгшщзхъфывапролджэячсмитьбю';
const EN_TO_RU = new Map([...EN].map((c, i) => [c, RU[i]]));
const RU_TO_EN = new Map([...RU].map((c, i) => [c, EN[i]]));

/**
 * A word typed with the other layout on, as meant: Latin keys → Cyrillic letters or the reverse.
 * Null when the word is not wholly of one layout's keys (or has nothing to switch).
 */
export function switchLayout(word: string): string | null {
  const lower = word.toLowerCase();
  const letters = [...lower];
  if (!letters.length) return null;
  const map = /[a-z]/.test(lower) ? EN_TO_RU : /\p{Script=Cyrillic}/u.test(lower) ? RU_TO_EN : null;
  if (!map || !letters.every((c) => map.has(c))) return null;
  return letters.map((c) => map.get(c)).join('');
}

/**
 * The words of a query for switching layouts: a Latin word may hold the keys of б ю ж э х ъ ё
 * (`,.;'[]\``), though a comma or full stop at its end is punctuation; other words are letters and
 * digits. Everything between is kept as typed.
 */
export const LAYOUT_TOKEN = /[a-z`[\];',.]*[a-z`[\];']|[\p{L}\p{N}]+/giu;

const TRANSLIT: [string, string][] = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['yo', 'ё'],
  ['ju', 'ю'],
  ['ja', 'я'],
  ['iy', 'ий'],
  ['yy', 'ый'],
  ['ck', 'к'],
  ['ph', 'ф'],
  ['a', 'а'],
  ['b', 'б'],
  ['c', 'к'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'х'],
  ['i', 'и'],
  ['j', 'дж'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['q', 'к'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['w', 'в'],
  ['x', 'кс'],
  ['y', 'ы'],
  ['z', 'з'],
  ["'", 'ь'],
];

/** A Latin word read as Russian transliteration («ekonomist» → «економист»); null for other words. */
export function transliterate(word: string): string | null {
  const lower = word.toLowerCase();
  if (!/^[a-z']+$/.test(lower)) return null;
  let out = '';
  for (let i = 0; i < lower.length;) {
    const [latin, cyrillic] = TRANSLIT.find(([l]) => lower.startsWith(l, i))!;
    out += cyrillic;
    i += latin.length;
  }
  return out;
}

const ROWS = {
  ru: ['йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю'],
  en: ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
};

/** Pairs of keys next to each other (in a row, or diagonally in the staggered rows below). */
const ADJACENT = new Set<string>();
for (const rows of Object.values(ROWS)) {
  rows.forEach((row, r) => {
    for (let i = 0; i < row.length; i++) {
      const near = [row[i + 1]];
      const below = rows[r + 1];
      if (below) near.push(below[i - 1], below[i]);
      for (const n of near) if (n) ADJACENT.add(row[i] + n).add(n + row[i]);
    }
  });
}

/** Letters people confuse by ear or by spelling habit, both ways. */
const SOUNDALIKE = [
  'еи',
  'еэ',
  'её',
  'ао',
  'иы',
  'ия',
  'ую',
  'ая',
  'шщ',
  'ьъ',
  'бп',
  'вф',
  'гк',
  'дт',
  'жш',
  'зс',
  'ий',
];
for (const [a, b] of SOUNDALIKE) ADJACENT.add(a + b).add(b + a);

/** Whether `a` typed for `b` is a likely slip (neighbouring keys or letters that sound alike). */
export function similarLetters(a: string, b: string): boolean {
  return ADJACENT.has(a + b);
}

/** Letters a word's first letter is most often confused with (Meilisearch counts a typo there as two). */
export const FIRST_LETTER_SWAPS: Readonly<Record<string, readonly string[]>> = {
  е: ['э'],
  э: ['е'],
  а: ['о'],
  о: ['а'],
  и: ['ы', 'е'],
  ы: ['и'],
};
