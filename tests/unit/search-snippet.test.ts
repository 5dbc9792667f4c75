import { describe, expect, it } from 'vitest';
import {
  MARK_END,
  MARK_START,
  markedToHtml,
  SNIPPET_LENGTH,
  snippetAround,
} from '../../src/lib/server/search/highlight.ts';

const words = (n: number, word = 'слово') => Array.from({ length: n }, () => word).join(' ');
const visible = (html: string) => html.replace(/<\/?mark>/g, '');

// Issue 10 item 21: a result card's text is sent twice (markup and hydration data); Meilisearch's
// crop of 28 words gave ~250 characters with paragraph breaks.
describe('snippetAround', () => {
  it('cuts a long description between words to about SNIPPET_LENGTH characters', () => {
    const snippet = snippetAround(words(80));
    expect(snippet.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 1);
    expect(snippet.length).toBeGreaterThan(SNIPPET_LENGTH / 2);
    expect(snippet.endsWith('слово…')).toBe(true);
  });

  it('keeps a short description whole, with paragraph breaks made one space', () => {
    expect(snippetAround('Первый абзац.\n\nВторой   абзац.')).toBe('Первый абзац. Второй абзац.');
  });

  it('keeps the first match in view and marked', () => {
    const text = `${words(60)} ${MARK_START}программист${MARK_END} ${words(20)}`;
    const html = markedToHtml(snippetAround(text));
    expect(html).toContain('<mark>программист</mark>');
    expect(html.startsWith('…')).toBe(true);
    expect(visible(html).length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
  });

  it('leaves no mark open when the cut falls inside one', () => {
    const text = `${MARK_START}${words(60)}${MARK_END}`;
    const html = markedToHtml(snippetAround(text));
    expect(html.match(/<mark>/g)?.length).toBe(html.match(/<\/mark>/g)?.length);
  });
});
