/**
 * "Did you mean": spelling correction of a query from the words Meilisearch itself matched.
 *
 * Meilisearch already finds «экономсит» as «экономист» (typo tolerance), but a misspelt word can
 * never be an exact match, so its exactness ranking is lost and the top of the list differs from
 * the top of the correctly spelt query. When every hit matched a query word only through a typo,
 * the word the index holds is known from the match positions: the search runs again with that word
 * and the page says «Показаны результаты по запросу «экономист»», with a link to search as typed
 * (as hh.ru and web search engines do). Another form of the same word («гостиницы» for
 * «гостиница», «программиста») is not a misspelling: words with one Snowball stem are left alone.
 */
import { newStemmer } from 'snowball-stemmers';
import { FIRST_LETTER_SWAPS, LAYOUT_TOKEN, similarLetters, switchLayout, transliterate } from './keyboard.ts';
import { SYNONYM_GROUPS } from './synonyms.ts';

const russian = newStemmer('russian');
const english = newStemmer('english');

/** The Snowball stem of a normalized word (Russian for Cyrillic, English otherwise). */
export function stemOf(word: string): string {
  return (/\p{Script=Cyrillic}/u.test(word) ? russian : english).stem(word);
}

/** Words shorter than this are never typo-matched (typoTolerance.minWordSizeForTypos.oneTypo). */
export const MIN_WORD_FOR_ONE_TYPO = 5;
/** From this length two typos are allowed (typoTolerance.minWordSizeForTypos.twoTypos). */
export const MIN_WORD_FOR_TWO_TYPOS = 9;

/** Lower case, ё as е: the forms Meilisearch's normalizer treats as equal. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е');
}

/**
 * A query with ё written as е. Meilisearch matches the two alike, but ranks by exactness with the
 * letter as typed: «стажёр» put «Стажёр-…» first and «стажер» put «Стажер …» first. Searching one
 * spelling makes both queries rank the same postings the same way.
 */
export function foldYo(q: string): string {
  return q.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
}

/**
 * A query in the one spelling of letters that look alike and are typed either way: ё as е
 * (foldYo), and «1C» with a Latin C as «1С» with a Cyrillic one — the synonym finds the same
 * postings, but only one spelling ranks them the same way.
 */
export function canonicalQuery(q: string): string {
  return foldYo(q).replace(/(?<![\p{L}\p{N}])1[cC](?![\p{L}\p{N}])/gu, (m) => (m[1] === 'c' ? '1с' : '1С'));
}

/** The words of a text, normalized (letters and digits; a hyphen or apostrophe splits). */
export function wordsOf(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map(normalizeWord);
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), stopping early once it
 * must exceed `max` (returns max + 1 then).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length];
}

/**
 * How far a typed word is from a word of the index, counting what people actually slip on as half
 * an edit: a neighbouring key or a letter that sounds alike (е/и, а/о, и/ы, …) put for another, a
 * doubled letter typed once or a letter typed twice; two neighbours swapped count three quarters.
 * Everything else counts one, as in editDistance().
 */
export function slipDistance(typed: string, word: string): number {
  const s = [...typed];
  const t = [...word];
  const doubledIn = (x: string[], i: number) => (x[i] === x[i - 1] || x[i] === x[i + 1] ? 0.5 : 1);
  const d: number[][] = Array.from({ length: s.length + 1 }, () => new Array<number>(t.length + 1).fill(0));
  for (let i = 1; i <= s.length; i++) d[i][0] = d[i - 1][0] + doubledIn(s, i - 1);
  for (let j = 1; j <= t.length; j++) d[0][j] = d[0][j - 1] + doubledIn(t, j - 1);
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const a = s[i - 1];
      const b = t[j - 1];
      const substitute = a === b ? 0 : similarLetters(a, b) ? 0.5 : 1;
      let v = Math.min(
        d[i - 1][j] + doubledIn(s, i - 1), // a letter typed too many
        d[i][j - 1] + doubledIn(t, j - 1), // a letter left out
        d[i - 1][j - 1] + substitute,
      );
      if (i > 1 && j > 1 && a === t[j - 2] && s[i - 2] === b) v = Math.min(v, d[i - 2][j - 2] + 0.75);
      d[i][j] = v;
    }
  }
  return d[s.length][t.length];
}

/** Meilisearch's `_matchesPosition`: byte offsets (UTF-8) into each attribute's value. */
export type MatchesPosition = Record<
  string,
  { start: number; length: number; /** in an array attribute: which item */ indices?: number[] }[] | undefined
>;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The whole words the index matched in one hit, read from its match positions (a match of only the
 * beginning of a word, as the prefix search of the last query word gives, is widened to the word).
 */
export function matchedWords(hit: Record<string, unknown>, positions: MatchesPosition | undefined): string[] {
  const out: string[] = [];
  for (const [attribute, matches] of Object.entries(positions ?? {})) {
    const value = hit[attribute];
    for (const m of matches ?? []) {
      const text = Array.isArray(value) ? value[m.indices?.[0] ?? 0] : value;
      if (typeof text !== 'string') continue;
      const buf = Buffer.from(text, 'utf8');
      if (m.start + m.length > buf.length) continue;
      const before = buf.subarray(0, m.start).toString('utf8');
      const piece = buf.subarray(m.start, m.start + m.length).toString('utf8');
      if (before.includes('\uFFFD') || piece.includes('\uFFFD')) continue; // offsets inside a letter
      let start = before.length;
      let end = start + piece.length;
      while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
      while (end < text.length && WORD_CHAR.test(text[end])) end++;
      out.push(...wordsOf(text.slice(start, end)));
    }
  }
  return out;
}

/** Words the synonyms list names (src/lib/server/search/synonyms.ts), with their stems: real words, never misspelt. */
const KNOWN_STEMS: ReadonlyMap<string, string> = new Map(
  SYNONYM_GROUPS.flat()
    .filter((entry) => /^[\p{L}\p{N}]+$/u.test(entry))
    .map((entry) => normalizeWord(entry))
    .map((word) => [word, stemOf(word)]),
);

/**
 * Whether `a` and `b` differ only in their last two letters («химик» and «химия»): in Russian that
 * is another form of a word or another word of the same root far more often than a slip.
 */
function differOnlyInEnding(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  let common = 0;
  while (common < x.length && common < y.length && x[common] === y[common]) common++;
  return common >= x.length - 2 && common >= y.length - 2;
}

/** The typo distance Meilisearch allows for a word of this length. */
const allowedTypos = (length: number) => (length >= MIN_WORD_FOR_TWO_TYPOS ? 2 : 1);

/**
 * Rewrites the words of `q` for which `replace` has a better word (it gets the word normalized and
 * its length in letters; words too short for a typo, with digits or known are never rewritten);
 * the rest stays as typed. Null when no word changed.
 */
function rewriteWords(q: string, replace: (word: string, length: number) => string | null): string | null {
  let changed = false;
  const out = (q.match(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu) ?? []).map((token) => {
    if (!/[\p{L}\p{N}]/u.test(token)) return token;
    const word = normalizeWord(token);
    const length = [...word].length;
    if (length < MIN_WORD_FOR_ONE_TYPO || /\p{N}/u.test(word) || KNOWN_STEMS.has(word)) return token;
    const better = replace(word, length);
    if (!better) return token;
    changed = true;
    return better;
  });
  return changed ? out.join('') : null;
}

/**
 * The corrected query, or null when nothing needs correcting: a query word of typo length that no
 * hit matched as typed (nor as a prefix) is replaced by the word of the hits nearest to it by
 * slipDistance() (neighbouring keys, letters alike), within the typo distance Meilisearch allows
 * for its length and no farther than one plain edit (1.5 from nine letters); of equally near
 * words, the one most hits matched, and none when they tie.
 * Never another form of the typed word (one Snowball stem), and never a word that differs only in
 * the ending unless one letter of it was slipped for a neighbour or a letter alike, or two swapped
 * («разработчек» → «разработчик», «логись» → «логист»; «бухгалтр» may be a cut «бухгалтера»):
 * when the nearest word is such a form, nothing is said rather than a farther word being offered
 * («разработчек» never becomes «разработке»). A word the synonyms list knows is never corrected.
 */
export function suggestCorrection(q: string, hitsWords: string[][]): string | null {
  if (!hitsWords.length) return null;
  const seen = new Set(hitsWords.flat());
  // how many hits matched each word (a word repeated in one hit counts once)
  const frequency = new Map<string, number>();
  for (const words of hitsWords)
    for (const w of new Set(words)) frequency.set(w, (frequency.get(w) ?? 0) + 1);

  return rewriteWords(q, (word, length) => {
    // matched as typed, or as the beginning of a word (the last word is searched as a prefix)
    if (seen.has(word) || [...seen].some((w) => w.startsWith(word))) return null;
    const allowed = allowedTypos(length);
    const stem = stemOf(word);
    const near: { w: string; n: number; slip: number }[] = [];
    for (const [w, n] of frequency) {
      if ([...w].length < MIN_WORD_FOR_ONE_TYPO - 1) continue;
      const d = editDistance(word, w, allowed);
      if (d === 0 || d > allowed || stemOf(w) === stem) continue;
      const slip = slipDistance(word, w);
      // farther than one plain edit (two slips in a long word): likely another word, not a typo
      if (slip > (allowed === 2 ? 1.5 : 1)) continue;
      near.push({ w, n, slip });
    }
    if (!near.length) return null;
    near.sort((a, b) => a.slip - b.slip || b.n - a.n);
    const [best, second] = near;
    // two words equally near and equally common: unsure
    if (second && second.slip === best.slip && second.n === best.n) return null;
    if (differOnlyInEnding(word, best.w)) {
      // a letter typed for a neighbour or a letter alike, or two swapped, in a word the index does
      // not hold: a slip; a letter more or less at the end may be another form of a word
      const slipped = [...word].length === [...best.w].length && best.slip <= 0.75;
      if (!slipped) return null;
    }
    return best.w;
  });
}

/**
 * For a query that found nothing: its words replaced by the synonyms-list word they are a form of
 * («медсестры» → «медсестра», whose synonyms then find «медицинская сестра») or a typo away from
 * («медсестар»). Meilisearch applies a synonym only to the word exactly as listed.
 */
export function synonymCorrection(q: string): string | null {
  return rewriteWords(q, (word, length) => {
    const stem = stemOf(word);
    const allowed = allowedTypos(length);
    let best: { w: string; d: number } | null = null;
    for (const [known, knownStem] of KNOWN_STEMS) {
      const d = knownStem === stem ? 0 : editDistance(word, known, allowed);
      if (d <= allowed && (!best || d < best.d || (d === best.d && known < best.w))) best = { w: known, d };
    }
    return best?.w ?? null;
  });
}

/**
 * Queries that differ from `q` by two neighbouring letters of one word swapped, for the swaps
 * Meilisearch cannot find itself in a word that gets one typo: at the start of the word («тсажер»:
 * a typo in the first letter counts as two) and next to «й» or «ё» («раойна»: its normalizer splits
 * them into two characters). Asked only when a query found nothing; at most `limit` variants.
 */
export function transposedQueries(q: string, limit = 24): string[] {
  const tokens = q.match(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  tokens.forEach((token, t) => {
    const letters = [...token];
    if (letters.length < MIN_WORD_FOR_ONE_TYPO || letters.length >= MIN_WORD_FOR_TWO_TYPOS) return;
    if (!/^\p{L}+$/u.test(token)) return;
    for (let i = 0; i + 1 < letters.length; i++) {
      if (letters[i] === letters[i + 1]) continue;
      const swapped = [...letters];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
      out.add(tokens.map((x, k) => (k === t ? swapped.join('') : x)).join(''));
    }
  });
  return [...out].slice(0, limit);
}

/**
 * For a query that found nothing: the queries it may have meant, the likelier first — a form or
 * a slip of a synonyms-list word; the other keyboard layout («ghjuhfvvbcn» → «программист»,
 * «ыьь» → «smm»: every word that switches, then each word alone); Latin transliteration
 * («programmist»); the first letter swapped for one it is confused with («еколог» → «эколог»:
 * Meilisearch counts a typo in the first letter as two); two neighbouring letters swapped. The
 * caller asks Meilisearch how many postings each finds. At most `limit`.
 */
export function rescueQueries(q: string, limit = 32): string[] {
  const out: string[] = [];
  const add = (v: string | null) => {
    if (v && v !== q && !out.includes(v)) out.push(v);
  };
  const words = [...q.matchAll(LAYOUT_TOKEN)];
  /** q with the words for which `pick` gives a replacement replaced (null: none was) */
  const rewrite = (pick: (word: string, k: number) => string | null) => {
    let changed = false;
    let text = '';
    let last = 0;
    words.forEach((m, k) => {
      const replacement = pick(m[0], k);
      text += q.slice(last, m.index) + (replacement ?? m[0]);
      changed ||= replacement != null;
      last = m.index + m[0].length;
    });
    return changed ? text + q.slice(last) : null;
  };
  const isLatin = (w: string) => /[a-z]/i.test(w);
  const isCyrillic = (w: string) => /\p{Script=Cyrillic}/u.test(w);

  /** a word in the other layout; Cyrillic read as Latin only when it gives letters (not «o]sm'») */
  const switched = (w: string) => {
    const other = switchLayout(w);
    return other && (isLatin(w) || /^[a-z]+$/.test(other)) ? other : null;
  };
  add(synonymCorrection(q));
  add(rewrite((w) => (isLatin(w) ? switched(w) : null)));
  add(rewrite((w) => (isCyrillic(w) ? switched(w) : null)));
  if (words.length > 1) words.forEach((_, k) => add(rewrite((w, i) => (i === k ? switched(w) : null))));
  add(rewrite((w) => transliterate(w)));
  words.forEach((m, k) => {
    const word = m[0];
    if ([...word].length < 3) return;
    const first = word[0];
    for (const alt of FIRST_LETTER_SWAPS[first.toLowerCase()] ?? []) {
      const swapped = (first === first.toLowerCase() ? alt : alt.toUpperCase()) + word.slice(1);
      add(rewrite((w, i) => (i === k ? swapped : null)));
    }
  });
  for (const t of transposedQueries(q)) add(t);
  return out.slice(0, limit);
}
