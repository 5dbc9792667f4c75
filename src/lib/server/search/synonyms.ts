/**
 * Synonyms of the opportunities index, kept in code (applied by ensureSearchIndex()). Each group is
 * mutual: any word of it finds the others. Multi-word entries are matched as phrases by
 * Meilisearch. Words are lower case; Meilisearch normalizes ё/е itself, but both spellings are
 * listed where people type both.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['ит', 'it', 'айти', 'информационные технологии', 'ай-ти'],
  ['программист', 'разработчик', 'developer', 'девелопер', 'кодер'],
  ['frontend', 'фронтенд', 'фронтэнд'],
  ['backend', 'бэкенд', 'бекенд'],
  // technologies students type in Russian letters as often as in Latin ones
  ['python', 'питон', 'пайтон'],
  ['java', 'джава', 'ява'],
  ['javascript', 'js', 'джаваскрипт'],
  ['php', 'пхп'],
  ['devops', 'девопс'],
  ['excel', 'эксель'],
  ['autocad', 'автокад'],
  // «1С» with a Cyrillic or a Latin «с»: the two look the same and both get typed
  ['1с', '1c'],
  ['тестировщик', 'qa', 'tester', 'инженер по тестированию'],
  ['аналитик', 'analyst'],
  ['дизайнер', 'designer'],
  ['системный администратор', 'сисадмин', 'админ'],
  ['врач', 'медик', 'доктор'],
  ['медсестра', 'медицинская сестра', 'медбрат'],
  ['фармацевт', 'провизор'],
  ['стажировка', 'стажёр', 'стажер', 'стажеры', 'стажёры', 'internship', 'интерн'],
  ['практика', 'практикант', 'практиканты'],
  ['химик', 'химия', 'химическая технология', 'химтех'],
  ['инженер', 'инж', 'engineer'],
  ['бухгалтер', 'бухгалтерия', 'бухучёт', 'бухучет'],
  ['экономист', 'экономика'],
  ['учитель', 'педагог', 'преподаватель'],
  ['шахта', 'горняк', 'горное дело', 'шахтёр', 'шахтер', 'угледобыча'],
  ['электрик', 'электромонтёр', 'электромонтер'],
  ['водитель', 'шофёр', 'шофер'],
  ['удалённо', 'удаленно', 'удалёнка', 'удаленка', 'дистанционно', 'remote'],
  ['юрист', 'юрисконсульт', 'правовед'],
  ['менеджер', 'manager'],
  ['маркетолог', 'маркетинг', 'smm', 'смм'],
  ['кадры', 'hr', 'эйчар', 'рекрутер', 'специалист по персоналу'],
  ['логист', 'логистика'],
  ['сварщик', 'электросварщик', 'электрогазосварщик'],
  ['механик', 'слесарь-механик'],
  ['строитель', 'строительство', 'прораб'],
  ['энергетик', 'энергетика'],
  ['металлург', 'металлургия'],
  ['технолог', 'инженер-технолог'],
  ['лаборант', 'лаборатория'],
  ['стипендия', 'грант'],
  ['целевое обучение', 'целевое', 'целевой договор', 'целевик'],
  ['вакансия', 'работа', 'трудоустройство'],
  ['выпускник', 'выпускники', 'молодой специалист'],
  ['зарплата', 'оплата', 'зп'],
];

/** Meilisearch's `synonyms` setting: every word maps to the other words of its group. */
export function buildSynonyms(groups = SYNONYM_GROUPS): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) {
      const others = group.filter((w) => w !== word);
      out[word] = [...new Set([...(out[word] ?? []), ...others])].sort();
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
