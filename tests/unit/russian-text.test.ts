import { describe, expect, it } from 'vitest';
import { plural, pluralWord, type PluralForms } from '../../src/lib/i18n/plural.ts';
import { innerQuotes, quoted } from '../../src/lib/i18n/quotes.ts';

const employers: PluralForms = { one: 'работодатель', few: 'работодателя', many: 'работодателей' };

describe('plural', () => {
  it.each([
    [0, '0 работодателей'],
    [1, '1 работодатель'],
    [2, '2 работодателя'],
    [3, '3 работодателя'],
    [4, '4 работодателя'],
    [5, '5 работодателей'],
    [11, '11 работодателей'],
    [12, '12 работодателей'],
    [13, '13 работодателей'],
    [14, '14 работодателей'],
    [21, '21 работодатель'],
    [22, '22 работодателя'],
    [25, '25 работодателей'],
    [101, '101 работодатель'],
    [111, '111 работодателей'],
    [112, '112 работодателей'],
    [1004, '1\u00a0004 работодателя'],
  ])('%i → «%s»', (n, expected) => {
    expect(plural(n, employers)).toBe(expected);
  });

  it('uses the genitive singular for fractions unless told otherwise', () => {
    expect(pluralWord(1.5, employers)).toBe('работодателя');
    expect(pluralWord(1.5, { ...employers, other: 'x' })).toBe('x');
  });
});

describe('quoted', () => {
  it('puts a plain name in «ёлочки»', () => {
    expect(quoted('Азот')).toBe('«Азот»');
  });

  it('turns inner «» into „лапки“', () => {
    expect(quoted('ООО «Тест»')).toBe('«ООО „Тест“»');
    expect(quoted('АО «Кузбасский азотно-туковый комбинат»')).toBe(
      '«АО „Кузбасский азотно-туковый комбинат“»',
    );
  });

  it('turns inner straight and English quotes into „лапки“', () => {
    expect(quoted('ООО "Тест"')).toBe('«ООО „Тест“»');
    expect(quoted('"Тест", ООО')).toBe('«„Тест“, ООО»');
    expect(quoted('ООО “Тест”')).toBe('«ООО „Тест“»');
    expect(innerQuotes('ООО («Тест»)')).toBe('ООО („Тест“)');
  });

  it('leaves text without quotes alone', () => {
    expect(innerQuotes('Кемеровский государственный университет')).toBe(
      'Кемеровский государственный университет',
    );
  });
});
