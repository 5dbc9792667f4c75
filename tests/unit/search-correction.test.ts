import { describe, expect, test } from 'vitest';
import {
  editDistance,
  canonicalQuery,
  foldYo,
  matchedWords,
  rescueQueries,
  slipDistance,
  suggestCorrection,
  synonymCorrection,
  transposedQueries,
} from '../../src/lib/server/search/correction.ts';
import { switchLayout, transliterate } from '../../src/lib/server/search/keyboard.ts';
import { understandKinds } from '../../src/lib/server/search/kind-words.ts';

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

describe('slipDistance', () => {
  test('neighbouring keys, letters alike and doubled letters cost half; a swap three quarters', () => {
    expect(slipDistance('разработчик', 'разработчик')).toBe(0);
    expect(slipDistance('разработчек', 'разработчик')).toBe(0.5); // е/и
    expect(slipDistance('разработчек', 'разработке')).toBe(1.75);
    expect(slipDistance('програмист', 'программист')).toBe(0.5); // a doubled letter typed once
    expect(slipDistance('программмист', 'программист')).toBe(0.5);
    expect(slipDistance('бухгалтеп', 'бухгалтер')).toBe(0.5); // р and п are neighbours
    expect(slipDistance('бухгалтеь', 'бухгалтер')).toBe(1);
    expect(slipDistance('экономсит', 'экономист')).toBe(0.75);
  });
});

describe('suggestCorrection picks the nearest whole word, or nothing when unsure (issue 10 item 10)', () => {
  test('«разработчек» is «разработчик», never «разработке», however many hits hold the latter', () => {
    const hits = [['разработке'], ['разработке'], ['разработке'], ['разработчик']];
    expect(suggestCorrection('разработчек', hits)).toBe('разработчик');
    // only the other word near: it is a different word, so nothing is said
    expect(suggestCorrection('разработчек', [['разработке'], ['разработке']])).toBeNull();
  });
  test('a neighbouring key slipped at the end is a slip, a letter more or less may be a form', () => {
    expect(suggestCorrection('логись', [['логист']])).toBe('логист');
    expect(suggestCorrection('бухгалтр', [['бухгалтер']])).toBeNull();
  });
  test('a neighbouring key beats a letter far away on the keyboard', () => {
    // «бухгалтеп»: п is next to р, not to ь
    expect(suggestCorrection('бухгалтеп', [['бухгалтеь'], ['бухгалтеь'], ['бухгалтер']])).toBe('бухгалтер');
  });
  test('two words equally near and equally common: unsure', () => {
    expect(suggestCorrection('слесрь', [['слесарь'], ['слесорь']])).toBeNull();
  });
});

describe('foldYo', () => {
  test('ё is searched as е, so «стажёр» and «стажер» are one query', () => {
    expect(foldYo('Стажёр ЁЛКА')).toBe('Стажер ЕЛКА');
  });
  test('«1c» with a Latin c is «1с», other words keep their c', () => {
    expect(canonicalQuery('программист 1c')).toBe('программист 1с');
    expect(canonicalQuery('1C стажёр')).toBe('1С стажер');
    expect(canonicalQuery('c++ 1cc')).toBe('c++ 1cc');
  });
});

describe('keyboard layout and transliteration (issue 10 items 8, 9)', () => {
  test('a word typed with the other layout on', () => {
    expect(switchLayout('ghjuhfvvbcn')).toBe('программист');
    expect(switchLayout(',e[ufknth')).toBe('бухгалтер');
    expect(switchLayout("'rjyjvbcn")).toBe('экономист');
    expect(switchLayout('ыьь')).toBe('smm');
    expect(switchLayout('знерщт')).toBe('python');
    expect(switchLayout('1с')).toBeNull();
  });
  test('Latin transliteration of a Russian word', () => {
    expect(transliterate('programmist')).toBe('программист');
    expect(transliterate('bukhgalter')).toBe('бухгалтер');
    expect(transliterate('yurist')).toBe('юрист');
    expect(transliterate('инженер')).toBeNull();
  });
  test('rescueQueries offers the other layout, transliteration and a swapped first letter', () => {
    expect(rescueQueries('ghjuhfvvbcn')).toContain('программист');
    expect(rescueQueries('vtytl;th')).toContain('менеджер');
    expect(rescueQueries('ghjuhfvvbcn, 1с')).toContain('программист, 1с');
    expect(rescueQueries('ыьь менеджер')).toContain('smm менеджер');
    expect(rescueQueries('programmist')).toContain('программист');
    expect(rescueQueries('еколог')).toContain('эколог');
    expect(rescueQueries('Огроном')).toContain('Агроном');
    expect(rescueQueries('обндарь')).toContain('бондарь');
    expect(rescueQueries('медсестры')[0]).toBe('медсестра');
    // Cyrillic read as Latin only when that gives letters
    expect(rescueQueries('щъыьэ').some((v) => /[a-z]/.test(v))).toBe(false);
    expect(rescueQueries('раойна сетсра медстра оператр', 10)).toHaveLength(10);
  });
});

describe('understandKinds (issue 10 item 7)', () => {
  test('a word naming a kind becomes the kind, in any form', () => {
    expect(understandKinds('стажировка программист')).toEqual({ text: 'программист', kinds: ['internship'] });
    expect(understandKinds('практика химия')).toEqual({ text: 'химия', kinds: ['practice'] });
    expect(understandKinds('Стажировки и практики в ИТ')).toEqual({
      text: 'и в ИТ',
      kinds: ['internship', 'practice'],
    });
    expect(understandKinds('целевое обучение горное дело')).toEqual({
      text: 'горное дело',
      kinds: ['target_agreement'],
    });
    expect(understandKinds('вакансии экономиста').kinds).toEqual(['vacancy']);
    expect(understandKinds('стипендия')).toEqual({ text: '', kinds: ['stipend'] });
  });
  test('other words stay text; a ticked kind filter wins over a word', () => {
    expect(understandKinds('практикант химик')).toEqual({ text: 'практикант химик', kinds: [] });
    expect(understandKinds('стажировка программист', ['internship'])).toEqual({
      text: 'программист',
      kinds: [],
    });
    expect(understandKinds('стажировка программист', ['vacancy'])).toEqual({
      text: 'стажировка программист',
      kinds: [],
    });
  });
});
