/**
 * Russian quotation marks: the outer ones are «ёлочки», quotes inside them are „лапки“
 * («ООО „Тест“», not «ООО «Тест»» or «ООО "Тест"»).
 */

/** The text with its own «…», "…" and “…” turned into „…“, ready to be put inside «». */
export function innerQuotes(text: string): string {
  return text.replace(/[«»"“”„]/g, (mark, offset: number) => {
    if (mark === '«' || mark === '„') return '„';
    if (mark === '»') return '“';
    // A straight or English quote opens at the start of the text or after a space or a bracket,
    // and closes anywhere else (after a word or a punctuation mark).
    return offset === 0 || /[\s([{]/.test(text[offset - 1]) ? '„' : '“';
  });
}

/** A name in Russian quotes: `quoted('ООО «Тест»')` → «ООО „Тест“» (nothing: «»). */
export function quoted(name: string | null | undefined): string {
  return `«${innerQuotes(name ?? '')}»`;
}
