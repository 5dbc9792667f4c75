/**
 * Highlighting without trusting stored text: matches are marked with private-use characters that
 * never occur in postings, the text is HTML-escaped, and only then the markers become <mark>.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Meilisearch counts «ё» in a posting as two characters (е and a diaeresis) and a query's «е» as
 * one, so a match of «гравер» (the search reads ё as е) in «Гравёр» is marked one letter short per
 * ё: «[Гравё]р». The mark is moved past the letters it fell short of.
 */
function widenYoMarks(text: string): string {
  return text.replace(/\uE000([^\uE000\uE001]*)\uE001(\p{L}*)/gu, (whole, marked: string, rest: string) => {
    const short = (marked.match(/[ёЁ]/g) ?? []).length;
    if (!short || !rest) return whole;
    const taken = [...rest].slice(0, short).join('');
    return `${MARK_START}${marked}${taken}${MARK_END}${rest.slice(taken.length)}`;
  });
}

/** Escaped HTML of text whose matches are wrapped in MARK_START/MARK_END. */
export function markedToHtml(text: string): string {
  // unbalanced markers (a crop that cut a match in half) are closed or ignored
  let html = '';
  let open = false;
  for (const part of widenYoMarks(text).split(/([\uE000\uE001])/)) {
    if (part === MARK_START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === MARK_END) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? html + '</mark>' : html;
}

/**
 * Marks the words of `text` that start like a word of the query (a crude stem: all but the last
 * two letters), for the Postgres fallback where Meilisearch's highlighting is not available.
 */
export function markQueryWords(text: string, query: string): string {
  const stems = [
    ...new Set(
      query
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length >= 3)
        .map((w) => w.slice(0, Math.max(3, w.length - 2))),
    ),
  ];
  if (!stems.length) return text;
  return text.replace(/[\p{L}\p{N}]+/gu, (word) =>
    stems.some((s) => word.toLowerCase().replace(/ё/g, 'е').startsWith(s.replace(/ё/g, 'е')))
      ? `${MARK_START}${word}${MARK_END}`
      : word,
  );
}

/**
 * How many characters of a posting's description a result card shows: one line,
 * what a list of results on hh.ru shows. The search page sends each card's text twice (its markup
 * and the data it hydrates from): Meilisearch's crop of 28 words came to ~250 characters, 160 kept
 * the page over 40 KB (issue 10 item 21).
 */
export const SNIPPET_LENGTH = 64;

/**
 * About `length` characters of text around its first marked word (or its beginning), cut between
 * words, with runs of white space (paragraph breaks) made one space.
 */
export function snippetAround(marked: string, length = SNIPPET_LENGTH): string {
  const text = marked.replace(/\s+/g, ' ').trim();
  const at = text.indexOf(MARK_START);
  if (text.length <= length) return text;
  const start = at < 0 ? 0 : Math.max(0, at - Math.floor(length / 3));
  const from = start === 0 ? 0 : text.indexOf(' ', start) + 1 || start;
  const slice = text.slice(from, from + length);
  const cut = slice.lastIndexOf(' ');
  return (from > 0 ? '…' : '') + (cut > length / 2 ? slice.slice(0, cut) : slice) + '…';
}
