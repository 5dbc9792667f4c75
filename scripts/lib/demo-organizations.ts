/**
 * Demo organizations. Universities are the real partners named in the project passport
 * (shared/seed/DIGEST.md); employers are fictitious but shaped like the city's economy: chemistry
 * first (38 % of industrial output), then healthcare (the largest vacancy bank), coal and
 * metallurgy, machine building, energy, food, construction, transport, IT, trade, education.
 */
export const UNIVERSITIES = [
  {
    short: 'КемГУ',
    name: 'Кемеровский государственный университет',
    district: 'tsentralny',
    site: 'https://kemsu.ru',
  },
  {
    short: 'КузГТУ',
    name: 'Кузбасский государственный технический университет имени Т.Ф. Горбачева',
    district: 'tsentralny',
    site: 'https://kuzstu.ru',
  },
  {
    short: 'КемГМУ',
    name: 'Кемеровский государственный медицинский университет',
    district: 'tsentralny',
    site: 'https://kemsmu.ru',
  },
  {
    short: 'Кузбасская ГСХА',
    name: 'Кузбасская государственная сельскохозяйственная академия',
    district: 'leninsky',
    site: 'https://ksai.ru',
  },
  {
    short: 'КемГИК',
    name: 'Кемеровский государственный институт культуры',
    district: 'leninsky',
    site: 'https://kemgik.ru',
  },
  {
    short: 'Филиал МГАХ',
    name: 'Филиал Московской государственной академии хореографии в Кемерове',
    district: 'tsentralny',
    site: null,
  },
] as const;

export const ADMINISTRATION = {
  name: 'Управление экономического развития администрации города Кемерово',
  short: 'УЭР администрации г. Кемерово',
  district: 'tsentralny',
};

/** [name, ОКВЭД section, district] */
export const EMPLOYERS: ReadonlyArray<readonly [string, string, string]> = [
  ['АО «Кузбасский азотно-туковый комбинат»', 'C', 'zavodsky'],
  ['ООО «КемХимПолимер»', 'C', 'zavodsky'],
  ['АО «Кемеровский завод органического синтеза»', 'C', 'zavodsky'],
  ['ООО «Сибирские химические технологии»', 'C', 'zavodsky'],
  ['ООО «Томь-Капролактам»', 'C', 'zavodsky'],
  ['АО «Кузбасслак»', 'C', 'kirovsky'],
  ['ООО «Химпромсервис Кузбасс»', 'C', 'zavodsky'],
  ['ООО «Азот-Ремонт»', 'C', 'zavodsky'],
  ['АО «КемМаш»', 'C', 'leninsky'],
  ['ООО «Кузбасский завод горного оборудования»', 'C', 'kirovsky'],
  ['ООО «Электромашзавод Сибири»', 'C', 'kirovsky'],
  ['АО «Кемеровский хлебокомбинат № 1»', 'C', 'tsentralny'],
  ['ООО «Молочная долина Кузбасса»', 'C', 'rudnichny'],
  ['ООО «Кемеровская кондитерская фабрика»', 'C', 'leninsky'],
  ['ООО «Сибирский текстиль»', 'C', 'leninsky'],
  ['ООО «Кузбассметаллоконструкция»', 'C', 'kirovsky'],
  ['ГАУЗ «Кемеровская городская клиническая больница № 5»', 'Q', 'zavodsky'],
  ['ГАУЗ «Областной клинический перинатальный центр»', 'Q', 'tsentralny'],
  ['ГАУЗ «Кемеровская городская детская клиническая больница № 3»', 'Q', 'leninsky'],
  ['ГАУЗ «Клиническая поликлиника № 20»', 'Q', 'leninsky'],
  ['ГАУЗ «Кузбасский кардиологический диспансер»', 'Q', 'tsentralny'],
  ['ООО «Медицинский центр „Здоровье Кузбасса“»', 'Q', 'tsentralny'],
  ['ГАУЗ «Городская стоматологическая поликлиника № 2»', 'Q', 'rudnichny'],
  ['ГБУ «Кемеровский центр социального обслуживания»', 'Q', 'kirovsky'],
  ['ООО «Лаборатория клинической диагностики „Вита“»', 'Q', 'tsentralny'],
  ['ГАУЗ «Кемеровская станция скорой медицинской помощи»', 'Q', 'zavodsky'],
  ['АО «Шахтоуправление „Кедровское“»', 'B', 'rudnichny'],
  ['ООО «Угольная компания „Северный Кузбасс“»', 'B', 'rudnichny'],
  ['ООО «Кузбасская углеобогатительная фабрика»', 'B', 'rudnichny'],
  ['АО «Разрез „Промышленновский“»', 'B', 'rudnichny'],
  ['ООО «Кемеровская ТЭЦ-Сервис»', 'D', 'kirovsky'],
  ['АО «Кузбасская энергосетевая компания»', 'D', 'tsentralny'],
  ['ООО «Теплосеть Кемерово»', 'D', 'leninsky'],
  ['ООО «Водоканал-Инжиниринг»', 'E', 'zavodsky'],
  ['ООО «Экология Кузбасса»', 'E', 'zavodsky'],
  ['ООО «СтройИнвест Кемерово»', 'F', 'leninsky'],
  ['АО «Кузбассдорстрой»', 'F', 'zavodsky'],
  ['ООО «Домостроительный комбинат „Лесная Поляна“»', 'F', 'rudnichny'],
  ['ООО «Кемеровский пассажирский автотранспорт»', 'H', 'leninsky'],
  ['ООО «Сибирская логистическая компания»', 'H', 'zavodsky'],
  ['АО «Аэропорт Кемерово — наземное обслуживание»', 'H', 'zavodsky'],
  ['ООО «Кузбасс Софт»', 'J', 'tsentralny'],
  ['ООО «Цифровой Кузбасс»', 'J', 'tsentralny'],
  ['ООО «Сибирь Телеком Кемерово»', 'J', 'tsentralny'],
  ['ООО «ГеоИнформ Кузбасс»', 'J', 'rudnichny'],
  ['ООО «Торговый дом „Кузбасский“»', 'G', 'leninsky'],
  ['ООО «Сеть супермаркетов „Сибирская корзина“»', 'G', 'leninsky'],
  ['ООО «АвтоЦентр Кемерово»', 'G', 'kirovsky'],
  ['ООО «Кемеровский проектный институт»', 'M', 'tsentralny'],
  ['ООО «Инженерный центр „Горные технологии“»', 'M', 'rudnichny'],
  ['ООО «Аудиторская компания „Кузбасс-Аудит“»', 'M', 'tsentralny'],
  ['ООО «НИИ промышленной безопасности Кузбасса»', 'M', 'rudnichny'],
  ['МБОУ «Средняя общеобразовательная школа № 41»', 'P', 'leninsky'],
  ['МАОУ «Гимназия № 42»', 'P', 'tsentralny'],
  ['ГПОУ «Кемеровский техникум индустрии питания»', 'P', 'zavodsky'],
  ['ООО «Банк „Кузнецкий кредит“»', 'K', 'tsentralny'],
  ['ООО «Гостиничный комплекс „Томь“»', 'I', 'tsentralny'],
  ['АО «Агрохолдинг „Ягуновский“»', 'A', 'zavodsky'],
  ['ООО «Тепличный комбинат „Кемеровский“»', 'A', 'zavodsky'],
  ['МАУ «Культурно-досуговый центр „Кедровка“»', 'R', 'rudnichny'],
];

/** A valid 10-digit ИНН registered in Kuzbass (region 42), derived from a number. */
export function demoInn(n: number): string {
  const body = `4205${String((n * 7919 + 12345) % 100000).padStart(5, '0')}`;
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = ([...body].reduce((s, d, i) => s + Number(d) * w[i], 0) % 11) % 10;
  return body + check;
}
