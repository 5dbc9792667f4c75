import { expect, test } from '@playwright/test';
import { SNIPPET_LENGTH } from '../../src/lib/server/search/highlight.ts';

/** How many times `needle` occurs in `text`. */
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

/** The data SvelteKit serializes into the page for hydration (its last inline script). */
function hydrationData(html: string): string {
  const start = html.lastIndexOf('<script');
  const data = html.slice(start, html.indexOf('</script>', start));
  expect(data).toContain('kit.start(');
  return data;
}

// Issue 10 item 21: everything in a page's data is sent a second time beside the markup it renders;
// the search page sent its facet counts twice (raw, and with their labels in the filters) and each
// hit's title twice (plain and highlighted).
test("the search page's data holds each facet value and each hit's title once", async ({ request }) => {
  const res = await request.get('/opportunities');
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(occurrences(html, '<article class="hit">')).toBe(20);
  const data = hydrationData(html);

  expect(data).not.toMatch(/[{,]facets:/);
  expect(data).not.toMatch(/[{,]title:"/);
  // each hit is a tuple, not an object repeating its twelve keys; each is in the data once
  expect(data).not.toContain('titleHighlighted:');
  const ids = [...html.matchAll(/<h3><a href="\/opportunities\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
  expect(ids).toHaveLength(20);
  for (const id of ids) expect(occurrences(data, id)).toBe(1);

  // every university the filter offers is in the data once: as its option, with its label and count
  const universities = [...html.matchAll(/name="university" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
  expect(universities.length).toBeGreaterThan(0);
  for (const id of universities) expect(occurrences(data, id)).toBe(1);
});

// Issue 10 item 21: a card's text is sent twice, so its snippet is about two lines (cut between words,
// «…» at either end), and names the page has as constants (kinds, years, schedules) are not in its data.
const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', '#39': "'", nbsp: ' ' };

test('the search page sends short snippets and no constant names in its data', async ({ request }) => {
  const html = await (await request.get(`/opportunities?q=${encodeURIComponent('инженер')}`)).text();
  // the text as a reader sees it: without the highlight tags and Svelte's hydration comments, with
  // HTML's escapes (&quot; …) read back
  const snippets = [...html.matchAll(/<p class="snippet">(.*?)<\/p>/gs)].map((m) =>
    m[1]
      .replace(/<!--.*?-->|<\/?mark>/g, '')
      .replace(/&(quot|amp|lt|gt|#39|nbsp);/g, (_, name: string) => ENTITIES[name]),
  );
  expect(snippets.length).toBeGreaterThan(0);
  for (const snippet of snippets) {
    expect(snippet.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
    expect(snippet).not.toMatch(/\s{2,}|\n/);
  }
  const data = hydrationData(html);
  for (const name of ['Стажировка', 'Именная стипендия', 'Полный день', '1 курс']) {
    expect(html).toContain(`${name} <small>`);
    expect(data).not.toContain(`"${name}"`);
  }
});

// Issue 10 item 21: no page over 40 KB of HTML for 20 results (the long filter lists fold on the server)
test('the search page is at most 40 000 bytes of HTML for 20 results', async ({ request }) => {
  for (const url of ['/opportunities', `/opportunities?q=${encodeURIComponent('инженер')}`]) {
    const html = Buffer.from(await (await request.get(url)).body());
    expect(occurrences(html.toString(), '<article class="hit">')).toBe(20);
    console.log(`${url}: ${html.length} bytes`);
    expect(html.length).toBeLessThanOrEqual(40_000);
  }
});
