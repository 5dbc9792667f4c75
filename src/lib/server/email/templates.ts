/**
 * Email templates: one entry per message the portal sends, each rendered to a subject, a plain
 * text body and an HTML body from the same content, so the two alternatives never disagree.
 * Everything interpolated into HTML goes through escapeHtml(); links must be http(s).
 */

import { plural } from '../../i18n/plural.ts';
import { quoted } from '../../i18n/quotes.ts';

export const BRAND = 'КемероVоПРОФИ';

/** The data each template needs. */
export interface EmailTemplateData {
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

/** «1 новая публикация», «3 новые публикации», «5 новых публикаций». */
const newPostings = (n: number) =>
  plural(n, { one: 'новая публикация', few: 'новые публикации', many: 'новых публикаций' });

const templates: { [T in EmailTemplate]: (data: EmailTemplateData[T]) => EmailContent } = {
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
