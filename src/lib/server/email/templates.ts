/**
 * Email templates: one entry per message the portal sends, each rendered to a subject, a plain
 * text body and an HTML body from the same content, so the two alternatives never disagree.
 * Everything interpolated into HTML goes through escapeHtml(); links must be http(s).
 */

import { placementTemplates, type PlacementEmailTemplateData } from './templates-placements.ts';
import { partnerTemplates, type PartnerTemplateData } from './templates-partners.ts';
import { outcomeTemplates, type OutcomeEmailTemplateData } from './templates-outcomes.ts';
import { plural } from '../../i18n/plural.ts';
import { quoted } from '../../i18n/quotes.ts';

export const BRAND = 'КемероVоПРОФИ';

/** The data each template needs. */
export interface EmailTemplateData
  extends PlacementEmailTemplateData, PartnerTemplateData, OutcomeEmailTemplateData {
  verify_email: { name: string; url: string };
  reset_password: { name: string; url: string };
  change_email: { name: string; newEmail: string; url: string };
  invitation: { organizationName: string; inviterName: string; url: string; expiresAt: Date | string };
  employer_verified: { organizationName: string; url: string };
  employer_rejected: { organizationName: string; reason: string };
  /** url: the employer's list of postings; publicUrl: the posting's public page. */
  opportunity_approved: { title: string; url: string; publicUrl: string };
  opportunity_rejected: { title: string; reason: string };
  opportunity_expiring: { title: string; expiresAt: Date | string; extendUrl: string };
  saved_search_alert: {
    searchName: string;
    count: number;
    items: { title: string; organizationName: string; url: string }[];
    searchUrl: string;
    unsubscribeUrl: string;
  };
  // --- applications (to the student: the employer's moves; url = /student/applications/<id>)
  application_shortlisted: { name: string; title: string; organizationName: string; url: string };
  application_interview: {
    name: string;
    title: string;
    organizationName: string;
    at: Date | string;
    place: string | null;
    link: string | null;
    note: string | null;
    rescheduled: boolean;
    url: string;
  };
  application_offer: {
    name: string;
    title: string;
    organizationName: string;
    kind: OpportunityKindName;
    terms: OfferTerms;
    answerBy: string;
    note: string | null;
    url: string;
  };
  application_rejected: {
    name: string;
    title: string;
    organizationName: string;
    reason: string;
    message: string | null;
    url: string;
  };
  /** confirmUrl: the one-time «Да, я работаю здесь» link (/employment/confirm/<token>). */
  application_hired: {
    name: string;
    title: string;
    organizationName: string;
    position: string;
    startDate: string;
    /** null when the hire is already confirmed (signed in) or cancelled: no link to send. */
    confirmUrl: string | null;
    url: string;
  };
  // --- applications (to the employer's people: the student's moves; url = /employer/applications/<id>)
  application_withdrawn: { applicantName: string; title: string; note: string | null; url: string };
  application_offer_accepted: {
    applicantName: string;
    title: string;
    kind: OpportunityKindName;
    url: string;
  };
  application_offer_declined: { applicantName: string; title: string; note: string | null; url: string };
  /** Several changes within a few minutes, in one letter. */
  application_updates: {
    name: string | null;
    audience: 'applicant' | 'employer';
    items: ApplicationUpdateItem[];
  };
  // --- no ghosting
  /** Daily to each member of an employer: applications waiting for an answer 3 working days and more. */
  employer_pending_applications: {
    organizationName: string;
    items: { applicantName: string; title: string; submittedAt: Date | string; url: string }[];
    /** All waiting applications (the letter lists the oldest few). */
    total: number;
    listUrl: string;
  };
  /** To the student, once: 21 days without a decision; url: the application page with «Отозвать». */
  application_stale: {
    name: string;
    title: string;
    organizationName: string;
    appliedAt: Date | string;
    url: string;
  };
}

/** The offer's terms as make_offer keeps them (app_private.normalize_offer_terms), by kind. */
export interface OfferTerms {
  position?: string | null;
  start_date?: string | null;
  end_date?: string | null;
  pay?: number | null;
  amount_per_month?: number | null;
  months?: number | null;
  work_years?: number | null;
  support_measures?: string | null;
}

export type OpportunityKindName = 'internship' | 'practice' | 'stipend' | 'target_agreement' | 'vacancy';

/** Reasons of reject_application, as the student reads them. */
export const REJECTION_REASON_LABELS: Record<string, string> = {
  position_filled: 'место уже занято',
  not_matching_requirements: 'опыт и знания пока не соответствуют требованиям публикации',
  not_enough_experience: 'недостаточно опыта для этой позиции',
  schedule_mismatch: 'не совпадают график или сроки',
  no_response: 'работодатель не смог с вами связаться',
  other: 'другая причина',
};

/** A move of an application, as a line of a digest (application_updates). */
export type ApplicationChange =
  | { status: 'shortlisted' }
  | { status: 'interview'; at: Date | string; rescheduled: boolean; calendar?: boolean }
  | { status: 'offer'; answerBy: string }
  | { status: 'rejected'; reason: string; calendar?: boolean }
  | { status: 'hired'; startDate: string }
  | { status: 'withdrawn' }
  | { status: 'accepted' }
  | { status: 'declined' };

/** One change in a digest of several (item of application_updates). */
export interface ApplicationUpdateItem {
  /** The posting's title (to the student) or the applicant's name and the title (to the employer). */
  title: string;
  change: ApplicationChange;
  /** The page that acts on it (or the one-time confirmation link of a hire). */
  url: string;
}

export type EmailTemplate = keyof EmailTemplateData;

/** A message to send: `{ template: 'verify_email', data: { name, url } } | …` */
export type EmailMessage = {
  [T in EmailTemplate]: { template: T; data: EmailTemplateData[T] };
}[EmailTemplate];

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** What a template says; the layout turns it into text and HTML. */
interface EmailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Links listed after the paragraphs (e.g. the new postings of a saved-search alert). */
  items?: { title: string; detail: string; url: string }[];
  /** Paragraphs after the button (e.g. "if it was not you, ignore this letter"). */
  closing?: string[];
  /** A small link under the letter (e.g. unsubscribe). */
  footerLink?: { label: string; url: string };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** Only absolute http(s) links go into an email: a `javascript:` URL must never become a button. */
function checkedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`Недопустимая ссылка в письме: ${parsed.protocol}`);
  }
  return parsed.toString();
}

/** One line of text: a name with a newline must not break the subject header or the layout. */
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
  // Kemerovo time (UTC+7): the recipients are in Kuzbass, wherever the server runs.
  timeZone: 'Asia/Novokuznetsk',
});

function formatDateTime(value: Date | string): string {
  return `${dateTimeFormat.format(new Date(value))} (время кемеровское)`;
}

const dateFormat = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A calendar date («2026-12-07» → «7 декабря 2026 г.»), the same wherever the server runs. */
function formatDate(value: string): string {
  return dateFormat.format(new Date(`${value.slice(0, 10)}T00:00:00Z`));
}

/** A moment as a Kemerovo calendar date. */
function formatDay(value: Date | string): string {
  return new Intl.DateTimeFormat('ru-RU', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Novokuznetsk',
  }).format(new Date(value));
}

const rubles = new Intl.NumberFormat('ru-RU');

/** «1 отклик», «3 отклика», «5 откликов». */
function applicationsCount(n: number): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return `${n} отклик`;
  if (m10 >= 2 && m10 <= 4 && (m100 < 10 || m100 >= 20)) return `${n} отклика`;
  return `${n} откликов`;
}

/** The offer's terms as lines «Должность: …», by the kind of the posting. */
export function offerTermLines(kind: OpportunityKindName, terms: OfferTerms): string[] {
  const lines: string[] = [];
  if (terms.position) lines.push(`Должность: ${oneLine(terms.position)}`);
  if (kind === 'practice') {
    if (terms.start_date && terms.end_date) {
      lines.push(`Сроки практики: с ${formatDate(terms.start_date)} по ${formatDate(terms.end_date)}`);
    }
  } else if (terms.start_date) {
    lines.push(`${kind === 'stipend' ? 'Начало выплат' : 'Дата начала'}: ${formatDate(terms.start_date)}`);
  }
  if (terms.pay !== null && terms.pay !== undefined) {
    lines.push(`Зарплата: ${rubles.format(terms.pay)} ₽ в месяц`);
  }
  if (terms.amount_per_month) {
    lines.push(`Стипендия: ${rubles.format(terms.amount_per_month)} ₽ в месяц`);
  }
  if (terms.months) lines.push(`Срок выплат: ${terms.months} мес.`);
  if (terms.work_years) lines.push(`Срок отработки после окончания обучения: ${terms.work_years} г.`);
  if (terms.support_measures) lines.push(`Меры поддержки: ${terms.support_measures.trim()}`);
  return lines;
}

/** One line of a digest: what happened to the application. */
export function describeApplicationChange(change: ApplicationChange): string {
  switch (change.status) {
    case 'shortlisted':
      return 'вас добавили в список кандидатов';
    case 'interview':
      return (
        `${change.rescheduled ? 'собеседование перенесено на' : 'приглашение на собеседование'} ${formatDateTime(change.at)}` +
        (change.calendar ? ' (приглашение для календаря — во вложении)' : '')
      );
    case 'offer':
      return `вам сделали предложение — ответьте до ${formatDate(change.answerBy)}`;
    case 'rejected':
      return (
        `отказ: ${REJECTION_REASON_LABELS[change.reason] ?? REJECTION_REASON_LABELS.other}` +
        (change.calendar ? ' (отмена собеседования для календаря — во вложении)' : '')
      );
    case 'hired':
      return `приём на работу оформлен, выход ${formatDate(change.startDate)} — подтвердите по ссылке`;
    case 'withdrawn':
      return 'кандидат отозвал отклик';
    case 'accepted':
      return 'кандидат принял предложение';
    case 'declined':
      return 'кандидат отклонил предложение';
  }
}

/** «1 изменение», «3 изменения», «5 изменений». */
function changesCount(n: number): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return `${n} изменение`;
  if (m10 >= 2 && m10 <= 4 && (m100 < 10 || m100 >= 20)) return `${n} изменения`;
  return `${n} изменений`;
}

const OUTCOME_OF_ACCEPTANCE: Record<OpportunityKindName, string> = {
  vacancy: 'Следующий шаг — оформить приём и отметить его на портале (приказ или трудовой договор).',
  internship: 'Следующий шаг — оформить приём на стажировку и отметить его на портале.',
  practice: 'Запись о практике создана и ждёт подтверждения вуза студента.',
  stipend: 'Запись о стипендии создана и ждёт подтверждения вуза студента.',
  target_agreement: 'Договор о целевом обучении создан и ждёт подписей сторон.',
};

/** «1 новая публикация», «3 новые публикации», «5 новых публикаций». */
const newPostings = (n: number) =>
  plural(n, { one: 'новая публикация', few: 'новые публикации', many: 'новых публикаций' });

const templates: { [T in EmailTemplate]: (data: EmailTemplateData[T]) => EmailContent } = {
  ...placementTemplates,
  ...partnerTemplates,
  ...outcomeTemplates,
  verify_email: ({ name, url }) => ({
    subject: `Подтвердите адрес электронной почты — ${BRAND}`,
    greeting: greeting(name),
    paragraphs: [
      `Вы зарегистрировались на портале ${BRAND}. Чтобы подтвердить адрес электронной почты и завершить регистрацию, перейдите по ссылке.`,
    ],
    action: { label: 'Подтвердить адрес', url },
    closing: ['Если вы не регистрировались на портале, просто проигнорируйте это письмо.'],
  }),

  reset_password: ({ name, url }) => ({
    subject: `Восстановление пароля — ${BRAND}`,
    greeting: greeting(name),
    paragraphs: [
      'Мы получили запрос на восстановление пароля к вашей учётной записи. Чтобы задать новый пароль, перейдите по ссылке.',
    ],
    action: { label: 'Задать новый пароль', url },
    closing: [
      'Ссылка действует ограниченное время. Если вы не запрашивали восстановление пароля, проигнорируйте это письмо: пароль останется прежним.',
    ],
  }),

  change_email: ({ name, newEmail, url }) => ({
    subject: `Подтвердите смену адреса электронной почты — ${BRAND}`,
    greeting: greeting(name),
    paragraphs: [
      `Поступил запрос на смену адреса электронной почты вашей учётной записи на ${oneLine(newEmail)}. Чтобы подтвердить смену адреса, перейдите по ссылке.`,
    ],
    action: { label: 'Подтвердить смену адреса', url },
    closing: [
      'Если вы не запрашивали смену адреса, проигнорируйте это письмо и на всякий случай смените пароль.',
    ],
  }),

  invitation: ({ organizationName, inviterName, url, expiresAt }) => ({
    subject: `Приглашение в организацию ${quoted(oneLine(organizationName))} — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `${oneLine(inviterName)} приглашает вас присоединиться к организации ${quoted(oneLine(organizationName))} на портале ${BRAND}.`,
      `Приглашение действительно до ${formatDateTime(expiresAt)}.`,
    ],
    action: { label: 'Принять приглашение', url },
    closing: ['Если вы не ожидали этого приглашения, просто проигнорируйте письмо.'],
  }),

  employer_verified: ({ organizationName, url }) => ({
    subject: `Организация ${quoted(oneLine(organizationName))} подтверждена — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `Администрация города Кемерово проверила и подтвердила данные организации ${quoted(oneLine(organizationName))}.`,
      'Теперь опубликованные вами стажировки, практики, стипендии и вакансии видны студентам и выпускникам.',
    ],
    action: { label: 'Перейти в личный кабинет', url },
  }),

  employer_rejected: ({ organizationName, reason }) => ({
    subject: `Организация ${quoted(oneLine(organizationName))} не прошла проверку — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `К сожалению, администрация города Кемерово не смогла подтвердить данные организации ${quoted(oneLine(organizationName))}.`,
      `Причина: ${reason.trim()}`,
      'Исправьте данные в профиле организации и отправьте их на проверку повторно.',
    ],
  }),

  opportunity_approved: ({ title, url, publicUrl }) => ({
    subject: `Публикация «${oneLine(title)}» прошла модерацию — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `Администрация города Кемерово проверила публикацию «${oneLine(title)}»: теперь её видят студенты и выпускники.`,
      'Срок публикации отсчитывается с момента одобрения. За 5 дней до его окончания мы напомним и предложим продлить.',
      'Так публикацию видят студенты и выпускники:',
    ],
    items: [{ title: oneLine(title), detail: 'страница публикации на портале', url: checkedUrl(publicUrl) }],
    action: { label: 'Открыть мои публикации', url },
  }),

  opportunity_rejected: ({ title, reason }) => ({
    subject: `Публикация «${oneLine(title)}» не прошла модерацию — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `Администрация города Кемерово не может опубликовать «${oneLine(title)}».`,
      `Причина: ${reason.trim()}`,
      'Исправьте публикацию в личном кабинете и отправьте её на публикацию снова.',
    ],
  }),

  opportunity_expiring: ({ title, expiresAt, extendUrl }) => ({
    subject: `Срок публикации «${oneLine(title)}» скоро закончится — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `Публикация «${oneLine(title)}» будет снята ${formatDateTime(expiresAt)}.`,
      'Если она ещё актуальна, продлите её на 30 дней одним нажатием. Если нет — ничего делать не нужно: неактуальные публикации уходят из поиска сами.',
    ],
    action: { label: 'Продлить на 30 дней', url: extendUrl },
  }),

  saved_search_alert: ({ searchName, count, items, searchUrl, unsubscribeUrl }) => ({
    subject: `${newPostings(count)} по поиску «${oneLine(searchName)}» — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `По вашему сохранённому поиску «${oneLine(searchName)}» появилось: ${newPostings(count)}.` +
        (count > items.length ? ` Ниже — последние ${items.length}, остальные откроются по кнопке.` : ''),
    ],
    items: items.map((item) => ({
      title: oneLine(item.title),
      detail: oneLine(item.organizationName),
      url: checkedUrl(item.url),
    })),
    action: { label: 'Открыть все результаты поиска', url: searchUrl },
    closing: ['Вы получаете это письмо, потому что сохранили поиск на портале и включили рассылку.'],
    footerLink: { label: 'Отписаться от этой рассылки', url: checkedUrl(unsubscribeUrl) },
  }),

  application_shortlisted: ({ name, title, organizationName, url }) => ({
    subject: `Вас добавили в список кандидатов: «${oneLine(title)}» — ${BRAND}`,
    greeting: greeting(name),
    paragraphs: [
      `Работодатель ${oneLine(organizationName)} рассмотрел ваш отклик на «${oneLine(title)}» и добавил вас в список кандидатов.`,
      'Следующий шаг — приглашение на собеседование или предложение. Мы напишем, как только работодатель примет решение.',
    ],
    action: { label: 'Открыть отклик', url },
  }),

  application_interview: ({ name, title, organizationName, at, place, link, note, rescheduled, url }) => ({
    subject: `${rescheduled ? 'Собеседование перенесено' : 'Приглашение на собеседование'}: «${oneLine(title)}» — ${BRAND}`,
    greeting: greeting(name),
    paragraphs: [
      rescheduled
        ? `Работодатель ${oneLine(organizationName)} перенёс собеседование по отклику на «${oneLine(title)}».`
        : `Работодатель ${oneLine(organizationName)} приглашает вас на собеседование по отклику на «${oneLine(title)}».`,
      `Когда: ${formatDateTime(at)}`,
      ...(place ? [`Где: ${place.trim()}`] : []),
      ...(link ? [`Ссылка на встречу: ${checkedUrl(link)}`] : []),
      ...(note ? [`Сообщение работодателя:\n${note.trim()}`] : []),
      'Во вложении — приглашение для календаря (.ics): откройте его, чтобы добавить встречу в свой календарь' +
        (rescheduled ? ' — прежнее время заменится новым.' : '.'),
    ],
    action: { label: 'Открыть отклик', url },
    closing: [
      'Если прийти не получится, сообщите работодателю заранее или отзовите отклик на странице отклика.',
    ],
  }),

  application_offer: ({ name, title, organizationName, kind, terms, answerBy, note, url }) => ({
    subject: `Вам сделали предложение: «${oneLine(title)}» — ${BRAND}`,
    greeting: greeting(name),
    paragraphs: [
      `Работодатель ${oneLine(organizationName)} делает вам предложение по отклику на «${oneLine(title)}».`,
      offerTermLines(kind, terms).join('\n'),
      ...(note ? [`Сообщение работодателя:\n${note.trim()}`] : []),
      `Ответьте до ${formatDate(answerBy)} включительно: принять или отклонить предложение можно на странице отклика.`,
    ],
    action: { label: 'Ответить на предложение', url },
  }),

  application_rejected: ({ name, title, organizationName, reason, message, url }) => ({
    subject: `Ответ работодателя по отклику на «${oneLine(title)}» — ${BRAND}`,
    greeting: greeting(name),
    paragraphs: [
      `К сожалению, работодатель ${oneLine(organizationName)} не готов продолжить с вашей кандидатурой на «${oneLine(title)}».`,
      `Причина: ${REJECTION_REASON_LABELS[reason] ?? REJECTION_REASON_LABELS.other}.`,
      ...(message ? [`Сообщение работодателя:\n${message.trim()}`] : []),
      'Спасибо за интерес. Загляните в поиск: новые стажировки, практики и вакансии появляются каждый день.',
    ],
    action: { label: 'Открыть отклик', url },
  }),

  application_hired: ({ name, title, organizationName, position, startDate, confirmUrl, url }) => ({
    subject: confirmUrl
      ? `Подтвердите трудоустройство в ${oneLine(organizationName)} — ${BRAND}`
      : `Приём на работу в ${oneLine(organizationName)} оформлен — ${BRAND}`,
    greeting: greeting(name),
    paragraphs: [
      `Работодатель ${oneLine(organizationName)} оформил ваш приём по отклику на «${oneLine(title)}»: должность «${oneLine(position)}», выход на работу ${formatDate(startDate)}.`,
      confirmUrl
        ? 'Пожалуйста, подтвердите, что вы действительно работаете здесь: без вашего подтверждения трудоустройство не засчитывается в показатели проекта. Ссылка одноразовая, входить на портал не нужно.'
        : 'Вы уже подтвердили трудоустройство на портале — больше ничего делать не нужно.',
    ],
    action: confirmUrl ? { label: 'Да, я работаю здесь', url: confirmUrl } : { label: 'Открыть отклик', url },
    closing: confirmUrl
      ? [`Если это ошибка, ничего не нажимайте и напишите работодателю. Отклик: ${checkedUrl(url)}`]
      : [],
  }),

  application_withdrawn: ({ applicantName, title, note, url }) => ({
    subject: `${oneLine(applicantName)} отозвал(а) отклик на «${oneLine(title)}» — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `${oneLine(applicantName)} отозвал(а) свой отклик на «${oneLine(title)}». Больше ничего делать не нужно.`,
      ...(note ? [`Комментарий кандидата:\n${note.trim()}`] : []),
    ],
    action: { label: 'Открыть отклик', url },
  }),

  application_offer_accepted: ({ applicantName, title, kind, url }) => ({
    subject: `${oneLine(applicantName)} принял(а) предложение: «${oneLine(title)}» — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `${oneLine(applicantName)} принял(а) ваше предложение по публикации «${oneLine(title)}».`,
      OUTCOME_OF_ACCEPTANCE[kind],
    ],
    action: { label: 'Открыть отклик', url },
  }),

  application_offer_declined: ({ applicantName, title, note, url }) => ({
    subject: `${oneLine(applicantName)} отклонил(а) предложение: «${oneLine(title)}» — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `${oneLine(applicantName)} отклонил(а) ваше предложение по публикации «${oneLine(title)}».`,
      ...(note ? [`Комментарий кандидата:\n${note.trim()}`] : []),
    ],
    action: { label: 'Открыть отклик', url },
  }),

  application_updates: ({ name, audience, items }) => ({
    subject: `Новое по вашим откликам: ${changesCount(items.length)} — ${BRAND}`,
    greeting: greeting(name ?? undefined),
    paragraphs: [
      audience === 'applicant'
        ? 'Работодатели ответили на ваши отклики. Каждая ссылка ведёт на страницу отклика, где можно ответить.'
        : 'Кандидаты ответили по вашим публикациям. Каждая ссылка ведёт на страницу отклика.',
    ],
    items: items.map((item) => ({
      title: oneLine(item.title),
      detail: describeApplicationChange(item.change),
      url: checkedUrl(item.url),
    })),
  }),

  employer_pending_applications: ({ organizationName, items, total, listUrl }) => ({
    subject: `${applicationsCount(total)} без ответа больше 3 рабочих дней — ${BRAND}`,
    greeting: greeting(),
    paragraphs: [
      `${applicationsCount(total)} к организации «${oneLine(organizationName)}» ждут ответа больше трёх рабочих дней.` +
        (total > items.length ? ` Ниже — ${items.length} самых давних, остальные откроются по кнопке.` : ''),
      'Откройте отклик, чтобы пригласить кандидата, сделать предложение или вежливо отказать — любое решение лучше молчания. Студенты видят долю ответов и среднее время до ответа на странице организации.',
    ],
    items: items.map((item) => ({
      title: `${oneLine(item.applicantName)} — ${oneLine(item.title)}`,
      detail: `отклик от ${formatDay(item.submittedAt)}`,
      url: checkedUrl(item.url),
    })),
    action: { label: 'Все отклики', url: listUrl },
    closing: ['Это письмо приходит не чаще раза в день, пока есть отклики без ответа.'],
  }),

  application_stale: ({ name, title, organizationName, appliedAt, url }) => ({
    subject: `Работодатель пока не ответил на ваш отклик «${oneLine(title)}» — ${BRAND}`,
    greeting: greeting(name),
    paragraphs: [
      `Вы откликнулись на «${oneLine(title)}» (${oneLine(organizationName)}) ${formatDay(appliedAt)}. Прошло 3 недели, а решения работодателя всё ещё нет.`,
      'Честно: так долго без ответа обычно значит, что решение затягивается или кандидата уже нашли. Отклик остаётся в силе, но не стоит ждать только его — откликайтесь и на другие публикации.',
      'Если вы больше не заинтересованы, отзовите отклик одним нажатием на странице отклика.',
    ],
    action: { label: 'Открыть отклик и отозвать', url },
  }),
};

const FOOTER = `Это письмо отправлено автоматически порталом ${BRAND} — маркетплейсом стажировок, практик, стипендий и вакансий для студентов и выпускников вузов Кузбасса. Отвечать на него не нужно.`;

function renderText(content: EmailContent): string {
  const blocks = [content.greeting, ...content.paragraphs];
  for (const item of content.items ?? []) blocks.push(`${item.title} — ${item.detail}\n${item.url}`);
  if (content.action) blocks.push(`${content.action.label}:\n${content.action.url}`);
  blocks.push(...(content.closing ?? []), `С уважением,\nкоманда ${BRAND}`);
  if (content.footerLink) blocks.push(`${content.footerLink.label}:\n${content.footerLink.url}`);
  blocks.push(`—\n${FOOTER}`);
  return blocks.join('\n\n') + '\n';
}

const FONT = "font-family:Arial,'Helvetica Neue',Helvetica,sans-serif";

/** Multi-line text (a rejection reason) keeps its line breaks. */
function htmlParagraph(text: string): string {
  const body = escapeHtml(text).replace(/\r?\n/g, '<br>');
  return `<p style="margin:0 0 16px;font-size:16px;line-height:1.5;color:#1f2937">${body}</p>`;
}

function renderHtml(content: EmailContent): string {
  const parts = [content.greeting, ...content.paragraphs].map(htmlParagraph);
  if (content.items?.length) {
    const rows = content.items.map(
      (item) =>
        `<li style="margin:0 0 12px"><a href="${escapeHtml(item.url)}" style="color:#1d4ed8;font-weight:bold">` +
        `${escapeHtml(item.title)}</a><br><span style="color:#4b5563">${escapeHtml(item.detail)}</span></li>`,
    );
    parts.push(
      `<ul style="margin:0 0 16px;padding-left:20px;font-size:16px;line-height:1.5">${rows.join('')}</ul>`,
    );
  }
  if (content.action) {
    const href = escapeHtml(content.action.url);
    parts.push(
      `<p style="margin:24px 0">` +
        `<a href="${href}" style="display:inline-block;padding:12px 24px;background:#1d4ed8;color:#ffffff;` +
        `font-size:16px;font-weight:bold;text-decoration:none;border-radius:6px">${escapeHtml(content.action.label)}</a></p>`,
      `<p style="margin:0 0 16px;font-size:14px;line-height:1.5;color:#4b5563">Если кнопка не работает, ` +
        `скопируйте ссылку в адресную строку браузера:<br>` +
        `<a href="${href}" style="color:#1d4ed8;word-break:break-all">${href}</a></p>`,
    );
  }
  parts.push(...(content.closing ?? []).map(htmlParagraph), htmlParagraph(`С уважением,\nкоманда ${BRAND}`));
  return [
    '<!doctype html>',
    '<html lang="ru">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background:#f3f4f6;${FONT}">`,
    `<div style="max-width:600px;margin:0 auto;padding:24px 16px">`,
    `<p style="margin:0 0 16px;font-size:20px;font-weight:bold;color:#1d4ed8">${escapeHtml(BRAND)}</p>`,
    `<div style="background:#ffffff;border-radius:8px;padding:24px">`,
    ...parts,
    '</div>',
    ...(content.footerLink
      ? [
          `<p style="margin:16px 0 0;font-size:12px;line-height:1.5"><a href="${escapeHtml(content.footerLink.url)}" ` +
            `style="color:#4b5563">${escapeHtml(content.footerLink.label)}</a></p>`,
        ]
      : []),
    `<p style="margin:16px 0 0;font-size:12px;line-height:1.5;color:#6b7280">${escapeHtml(FOOTER)}</p>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Renders one template with its data to the subject and both bodies of the letter. */
export function renderEmail<T extends EmailTemplate>(template: T, data: EmailTemplateData[T]): RenderedEmail {
  const render: (data: EmailTemplateData[T]) => EmailContent = templates[template];
  if (!render) throw new Error(`Неизвестный шаблон письма: ${String(template)}`);
  const content = render(data);
  if (content.action) content.action = { ...content.action, url: checkedUrl(content.action.url) };
  content.subject = oneLine(content.subject);
  return { subject: content.subject, text: renderText(content), html: renderHtml(content) };
}

/** Same as renderEmail, for a whole EmailMessage. */
export function renderMessage(message: EmailMessage): RenderedEmail {
  return renderEmail(message.template, message.data);
}
