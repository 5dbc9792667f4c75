/**
 * Letters of partnership contracts and events (issue 8 items 2 and 5). templates.ts spreads
 * partnerTemplates into its own table, so renderMessage() renders these like every other letter.
 * This module imports nothing at run time from templates.ts (no import cycle): it returns the same
 * content shape, and the layout, escaping and link checks stay in templates.ts.
 */

const BRAND = 'КемероVоПРОФИ';

export const CONTRACT_KIND_LABELS = {
  practice: 'о практической подготовке',
  cooperation: 'о сотрудничестве',
  target_training: 'о целевом обучении',
} as const;
export type ContractKind = keyof typeof CONTRACT_KIND_LABELS;

interface ContractSummary {
  kind: ContractKind;
  number: string;
  /** The other party's name, as the recipient calls it. */
  partnerName: string;
  /** The recipient's page of contracts. */
  url: string;
}

export interface PartnerTemplateData {
  contract_proposed: ContractSummary;
  contract_confirmed: ContractSummary;
  contract_declined: ContractSummary & { reason: string };
  contract_registered: ContractSummary;
  contract_terminated: ContractSummary & { reason: string };
  contract_expiring: ContractSummary & { validTo: string; days: 30 | 7 };
  event_reminder: {
    title: string;
    startsAt: Date | string;
    place: string | null;
    onlineUrl: string | null;
    url: string;
    icsUrl: string;
    name?: string;
    /** For a school group: how many pupils the teacher registered. */
    headcount?: number;
  };
  event_cancelled: { title: string; startsAt: Date | string; reason: string; url: string; name?: string };
  event_place_freed: { title: string; startsAt: Date | string; url: string; name?: string };
}

/** What a template says (the same shape as EmailContent of templates.ts). */
interface PartnerEmailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  closing?: string[];
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function greeting(name?: string): string {
  const clean = name ? oneLine(name) : '';
  return clean ? `Здравствуйте, ${clean}!` : 'Здравствуйте!';
}

const dateTimeFormat = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Novokuznetsk',
});
const dateFormat = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function when(value: Date | string): string {
  return `${dateTimeFormat.format(new Date(value))} (время кемеровское)`;
}

/** A calendar date 'YYYY-MM-DD' as «31 декабря 2026 г.». */
function day(value: string): string {
  return dateFormat.format(new Date(`${value.slice(0, 10)}T00:00:00Z`));
}

function contractTitle(c: ContractSummary): string {
  return `договор ${CONTRACT_KIND_LABELS[c.kind]} № ${oneLine(c.number)}`;
}

export const partnerTemplates: {
  [T in keyof PartnerTemplateData]: (data: PartnerTemplateData[T]) => PartnerEmailContent;
} = {
  contract_proposed: (c) => ({
    subject: `${oneLine(c.partnerName)} предлагает договор — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `${oneLine(c.partnerName)} внесла на портал ${contractTitle(c)} и просит вашу организацию подтвердить его.`,
      'Проверьте реквизиты: если всё верно, подтвердите договор — он станет действующим и появится на публичных страницах обеих сторон. Если нет — отклоните с причиной.',
    ],
    action: { label: 'Открыть договоры', url: c.url },
  }),

  contract_confirmed: (c) => ({
    subject: `Договор № ${oneLine(c.number)} подтверждён — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `${oneLine(c.partnerName)} подтвердила ${contractTitle(c)}. Договор действует и показан в блоке «Вузы-партнёры».`,
    ],
    action: { label: 'Открыть договоры', url: c.url },
  }),

  contract_declined: (c) => ({
    subject: `Договор № ${oneLine(c.number)} отклонён — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [`${oneLine(c.partnerName)} отклонила ${contractTitle(c)}.`, `Причина: ${c.reason.trim()}`],
    action: { label: 'Открыть договоры', url: c.url },
  }),

  contract_registered: (c) => ({
    subject: `Администрация зарегистрировала договор № ${oneLine(c.number)} — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `Администрация города Кемерово внесла на портал ${contractTitle(c)} с организацией «${oneLine(c.partnerName)}». Договор действует.`,
    ],
    action: { label: 'Открыть договоры', url: c.url },
  }),

  contract_terminated: (c) => ({
    subject: `Договор № ${oneLine(c.number)} расторгнут — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `${contractTitle(c).replace(/^д/, 'Д')} с организацией «${oneLine(c.partnerName)}» расторгнут.`,
      `Причина: ${c.reason.trim()}`,
    ],
    action: { label: 'Открыть договоры', url: c.url },
  }),

  contract_expiring: (c) => ({
    subject: `Через ${c.days} дней заканчивается договор № ${oneLine(c.number)} — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `${contractTitle(c).replace(/^д/, 'Д')} с организацией «${oneLine(c.partnerName)}» действует до ${day(c.validTo)}.`,
      'Чтобы студенты продолжали проходить практику без перерыва, заключите новый договор заранее и предложите его на портале.',
    ],
    action: { label: 'Открыть договоры', url: c.url },
  }),

  event_reminder: (e) => ({
    subject: `Завтра: «${oneLine(e.title)}» — ${BRAND}`,
    greeting: greeting(e.name),
    paragraphs: [
      `Напоминаем: ${when(e.startsAt)} — «${oneLine(e.title)}».`,
      ...(e.headcount ? [`Вы записали группу: ${e.headcount} чел.`] : []),
      ...(e.place ? [`Место: ${oneLine(e.place)}`] : []),
      ...(e.onlineUrl ? [`Трансляция: ${e.onlineUrl}`] : []),
      `Добавить в календарь: ${e.icsUrl}`,
    ],
    action: { label: 'Страница мероприятия', url: e.url },
    closing: ['Если планы изменились, отмените запись на странице мероприятия — место достанется другим.'],
  }),

  event_cancelled: (e) => ({
    subject: `Мероприятие «${oneLine(e.title)}» отменено — ${BRAND}`,
    greeting: greeting(e.name),
    paragraphs: [
      `Мероприятие «${oneLine(e.title)}», назначенное на ${when(e.startsAt)}, отменено организатором.`,
      `Причина: ${e.reason.trim()}`,
    ],
    action: { label: 'Другие мероприятия', url: e.url },
  }),

  event_place_freed: (e) => ({
    subject: `Освободилось место: «${oneLine(e.title)}» — ${BRAND}`,
    greeting: greeting(e.name),
    paragraphs: [
      `Вы были в листе ожидания, и для вас освободилось место: вы записаны на «${oneLine(e.title)}», ${when(e.startsAt)}.`,
    ],
    action: { label: 'Страница мероприятия', url: e.url },
    closing: ['Если прийти не получится, отмените запись на странице мероприятия.'],
  }),
};
