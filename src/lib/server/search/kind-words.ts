/**
 * Words that name a kind of posting («стажировка программист», «практика химия»): a student who
 * types them means the kind, not a word somewhere in the text — searched as text, «стажировка»
 * matches every internship's description and drowns the word that matters. Such a word becomes a
 * kind filter and leaves the text; `exact` (search as typed) keeps it as text.
 */
import type { OpportunityKind } from '../../opportunities.ts';
import { normalizeWord, stemOf } from './correction.ts';

/** Snowball stems of the words naming a kind (every form: «стажировки», «практику», «вакансий»). */
const KIND_STEMS: ReadonlyMap<string, OpportunityKind> = new Map([
  ['стажировк', 'internship'],
  ['internship', 'internship'],
  ['практик', 'practice'],
  ['ваканс', 'vacancy'],
  ['стипенд', 'stipend'],
  ['целев', 'target_agreement'],
]);
/** «целевое обучение»: the second word belongs to the kind's name. */
const AFTER_TARGET = new Set(['обучение', 'обучения', 'обучению', 'обучением']);

export interface UnderstoodQuery {
  /** the words searched as text (kind words taken out) */
  text: string;
  /** the kinds the query named, in the order named (empty: none) */
  kinds: OpportunityKind[];
}

/**
 * Takes the kind words out of `q`. `selected` are the kinds ticked in the filters: a kind word
 * among them only leaves the text; a kind word outside them stays text (the filter the student
 * chose wins over a word).
 */
export function understandKinds(q: string, selected: readonly string[] = []): UnderstoodQuery {
  const kinds: OpportunityKind[] = [];
  const kept: string[] = [];
  let afterTarget = false;
  for (const token of q.split(/\s+/).filter(Boolean)) {
    const word = normalizeWord(token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
    const kind = /^\p{L}+$/u.test(word) ? KIND_STEMS.get(stemOf(word)) : undefined;
    if (kind && (!selected.length || selected.includes(kind))) {
      if (!kinds.includes(kind)) kinds.push(kind);
      afterTarget = kind === 'target_agreement';
      continue;
    }
    if (afterTarget && AFTER_TARGET.has(word)) {
      afterTarget = false;
      continue;
    }
    afterTarget = false;
    kept.push(token);
  }
  return { text: kept.join(' '), kinds: selected.length ? [] : kinds };
}
