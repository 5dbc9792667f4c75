import { describe, expect, test } from 'vitest';
import {
  editDistance,
  matchedWords,
  suggestCorrection,
  synonymCorrection,
  transposedQueries,
} from '../../src/lib/server/search/correction.ts';

/** Match positions as Meilisearch gives them: UTF-8 byte offsets of `part` inside `text`. */
function at(text: string, part: string) {
  const start = Buffer.byteLength(text.slice(0, text.indexOf(part)), 'utf8');
  return { start, length: Buffer.byteLength(part, 'utf8') };
}

describe('editDistance', () => {
  test('counts insertions, deletions, substitutions and a swap of neighbours as one each', () => {
    expect(editDistance('экономист', 'экономист')).toBe(0);
    expect(editDistance('экономст', 'экономист')).toBe(1);
    expect(editDistance('экономсит', 'экономист')).toBe(1);
    expect(editDistance('экономиста', 'экономист')).toBe(1);
    expect(editDistance('экинимист', 'экономист')).toBe(2);
    expect(editDistance('врач', 'медик')).toBe(5);
  });
  test('stops early above the limit', () => {
    expect(editDistance('программист', 'разработчик', 2)).toBe(3);
    expect(editDistance('ab', 'abcdef', 1)).toBe(2);
  });
});

describe('matchedWords', () => {
  test('reads Cyrillic words from byte offsets and widens a prefix match to the word', () => {
    const title = 'Ведущий экономист — стажировка';
    const hit = { title, programme_names: ['Экономика', 'Менеджмент'] };
    expect(
      matchedWords(hit, {
        title: [at(title, 'экономист'), at(title, 'стаж')],
        programme_names: [{ ...at('Менеджмент', 'Менедж'), indices: [1] }],
      }),
    ).toEqual(['экономист', 'стажировка', 'менеджмент']);
  });
  test('ignores positions that do not fit the value', () => {
    expect(matchedWords({ title: 'Врач' }, { title: [{ start: 40, length: 4 }] })).toEqual([]);
    expect(matchedWords({ title: 'Врач' }, { description: [{ start: 0, length: 4 }] })).toEqual([]);
  });
});

describe('suggestCorrection', () => {
  const hits = (...words: string[][]) => words;

  test('replaces a misspelt word by the word the hits matched, keeping the rest as typed', () => {
    expect(suggestCorrection('экономсит', hits(['экономист'], ['экономист']))).toBe('экономист');
    expect(suggestCorrection('Переводик для выпусника', hits(['переводчик', 'для', 'выпускника']))).toBe(
      'переводчик для выпускника',
    );
    expect(suggestCorrection('инженер  хиимк', hits(['инженер', 'химик']))).toBe('инженер  химик');
  });

  test('leaves a query alone when a hit matched it as typed or as the beginning of a word', () => {
    expect(suggestCorrection('экономист', hits(['экономсит'], ['экономист']))).toBeNull();
    expect(suggestCorrection('програм', hits(['программист']))).toBeNull();
    expect(suggestCorrection('стажёр', hits(['стажер']))).toBeNull();
  });

  test('never corrects short words, numbers, synonyms or far words', () => {
    expect(suggestCorrection('айти', hits(['ит']))).toBeNull();
    expect(suggestCorrection('врач', hits(['врачи']))).toBeNull();
    expect(suggestCorrection('1с программист', hits(['1с', 'программист']))).toBeNull();
    expect(suggestCorrection('разработчик', hits(['программист']))).toBeNull();
    // a word under nine letters is only one typo away from what it may be corrected to
    expect(suggestCorrection('экинимка', hits(['экономика']))).toBeNull();
    expect(suggestCorrection('химик', hits())).toBeNull();
  });

  test('never corrects another form of a word, a change of ending only, or a word the synonyms know', () => {
    expect(suggestCorrection('гостиницы', hits(['гостиница']))).toBeNull();
    expect(suggestCorrection('программиста', hits(['программист']))).toBeNull();
    expect(suggestCorrection('бухгалтр', hits(['бухгалтер']))).toBeNull();
    // «химик» is in the synonyms list, and «химия» matched through it
    expect(suggestCorrection('химик', hits(['химия']))).toBeNull();
    expect(suggestCorrection('химки', hits(['химия']))).toBeNull();
  });

  test('takes the word most hits matched', () => {
    // «слесрь» is one letter away from both
    expect(suggestCorrection('слесрь', hits(['слесарь'], ['слесарь'], ['слесорь']))).toBe('слесарь');
    expect(suggestCorrection('слесрь', hits(['слесарь'], ['слесорь'], ['слесорь']))).toBe('слесорь');
  });
});

describe('synonymCorrection', () => {
  test('a form or a misspelling of a synonyms-list word becomes that word', () => {
    expect(synonymCorrection('медсестры')).toBe('медсестра');
    expect(synonymCorrection('медсестар')).toBe('медсестра');
    expect(synonymCorrection('врачи')).toBe('врач');
    expect(synonymCorrection('старший программиста 1с')).toBe('старший программист 1с');
  });
  test('leaves listed words, short words and strangers alone', () => {
    expect(synonymCorrection('медсестра')).toBeNull();
    expect(synonymCorrection('хим')).toBeNull();
    expect(synonymCorrection('щъыьэ')).toBeNull();
    expect(synonymCorrection('гостиница')).toBeNull();
  });
});

describe('transposedQueries', () => {
  test('swaps neighbouring letters of words Meilisearch gives a single typo', () => {
    expect(transposedQueries('раойна')).toContain('района');
    expect(transposedQueries('раойна')).toHaveLength(5);
    expect(transposedQueries('центр раойна')).toContain('центр района');
  });
  test('skips words that are too short, long enough for two typos, or not letters', () => {
    expect(transposedQueries('врач')).toEqual([]);
    expect(transposedQueries('экономсит')).toEqual([]);
    expect(transposedQueries('1с 2024')).toEqual([]);
    expect(transposedQueries('ааааа')).toEqual([]);
  });
  test('is bounded', () => {
    expect(transposedQueries('раойна сетсра медстра оператр', 10)).toHaveLength(10);
  });
});
