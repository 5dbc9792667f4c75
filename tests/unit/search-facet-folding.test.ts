import { describe, expect, it } from 'vitest';
import { normaliseSearchQuery } from '../../src/lib/schemas/saved-search.ts';
import { parseExpandedFacets, searchPageQueryString } from '../../src/lib/schemas/search.ts';
import { foldChoices, type FacetCount } from '../../src/lib/server/search-page/filter-options.ts';

const list = (n: number): FacetCount[] =>
  Array.from({ length: n }, (_, i): FacetCount => [`v${i}`, 100 - i, `Имя ${i}`]);

describe('foldChoices (issue 10 item 21: long filter lists show their top choices)', () => {
  it('keeps the 5 choices with most results, in the list’s order, and says how many there are', () => {
    const shuffled: FacetCount[] = [
      ['a', 1],
      ['b', 50],
      ['c', 2],
      ['d', 40],
      ['e', 30],
      ['f', 3],
      ['g', 20],
      ['h', 10],
      ['i', 4],
    ];
    expect(foldChoices(shuffled, [], false)).toEqual({
      shown: [
        ['b', 50],
        ['d', 40],
        ['e', 30],
        ['g', 20],
        ['h', 10],
      ],
      total: 9,
    });
  });

  it('always shows the chosen ones, even with no results', () => {
    const { shown, total } = foldChoices(list(20), ['v19', 'v12'], false);
    expect(shown.map(([v]) => v)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v12', 'v19']);
    expect(total).toBe(20);
  });

  it('shows everything when asked, when one more would be hidden, or when nothing would be', () => {
    expect(foldChoices(list(20), [], true)).toEqual({ shown: list(20) });
    expect(foldChoices(list(6), [], false)).toEqual({ shown: list(6) });
    const all = list(8).map(([v]) => v);
    expect(foldChoices(list(8), all, false)).toEqual({ shown: list(8) });
  });
});

describe('?all= (which long lists show in full)', () => {
  it('reads only known lists, once each, and ignores the rest', () => {
    const params = new URLSearchParams('all=industry&all=nope&all=field&all=industry&all=&all=<b>');
    expect(parseExpandedFacets(params)).toEqual(['field', 'industry']);
    expect(parseExpandedFacets(new URLSearchParams('q=x'))).toEqual([]);
  });

  it('follows the search in the page’s query string', () => {
    expect(searchPageQueryString({ q: 'инженер', page: 2 }, ['field'])).toBe(
      'q=%D0%B8%D0%BD%D0%B6%D0%B5%D0%BD%D0%B5%D1%80&page=2&all=field',
    );
    expect(searchPageQueryString({}, ['district', 'university'])).toBe('all=district&all=university');
    expect(searchPageQueryString({ kind: ['practice'] }, [])).toBe('kind=practice');
  });

  it('is never part of a saved search', () => {
    expect(normaliseSearchQuery('kind=practice&all=field&all=industry')).toBe('kind=practice');
  });
});
