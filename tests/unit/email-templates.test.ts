import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  renderEmail,
  renderMessage,
  type EmailMessage,
} from '../../src/lib/server/email/templates.ts';

const url = 'https://kemerovo-profi.example/verify?token=abc&next=%2F';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('renderEmail', () => {
  it('escapes a <script> in the organization name in the HTML body', () => {
    const { subject, text, html } = renderEmail('invitation', {
      organizationName: '<script>alert("x")</script> ООО «Кузбасс»',
      inviterName: 'Иван <b>Петров</b>',
      url,
      expiresAt: new Date('2026-12-01T05:00:00Z'),
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    // inside «» the name's own quotes become „лапки“: «… ООО „Кузбасс“»
    expect(html).toContain('«&lt;script&gt;alert(„x“)&lt;/script&gt; ООО „Кузбасс“»');
    expect(html).toContain('Иван &lt;b&gt;Петров&lt;/b&gt;');
    // The plain-text alternative and the subject carry the name as it is: they are not HTML.
    expect(text).toContain('«<script>alert(„x“)</script> ООО „Кузбасс“»');
    expect(subject).toBe(
      'Приглашение в организацию «<script>alert(„x“)</script> ООО „Кузбасс“» — КемероVоПРОФИ',
    );
    // Kemerovo time (UTC+7).
    expect(text).toContain('1 декабря 2026');
    expect(text).toContain('12:00');
  });

  it('puts the link in a button and as raw text, escaped in HTML', () => {
    const { subject, text, html } = renderEmail('verify_email', { name: 'Анна', url });
    expect(subject).toBe('Подтвердите адрес электронной почты — КемероVоПРОФИ');
    expect(text).toContain('Здравствуйте, Анна!');
    expect(text).toContain(url);
    expect(html).toContain('lang="ru"');
    expect(html).toContain('href="https://kemerovo-profi.example/verify?token=abc&amp;next=%2F"');
    expect(html).toContain('>Подтвердить адрес</a>');
    expect(html).toContain('>https://kemerovo-profi.example/verify?token=abc&amp;next=%2F</a>');
  });

  it('refuses links that are not http(s)', () => {
    expect(() => renderEmail('reset_password', { name: 'Анна', url: 'javascript:alert(1)' })).toThrow(
      /Недопустимая ссылка/,
    );
  });

  it('keeps a subject on one line whatever the data', () => {
    const { subject } = renderEmail('employer_verified', {
      organizationName: 'ООО «Рога»\r\nBcc: victim@example.com',
      url,
    });
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('renders every template in Russian with a greeting and the brand', () => {
    const messages: EmailMessage[] = [
      { template: 'verify_email', data: { name: 'Анна', url } },
      { template: 'reset_password', data: { name: '', url } },
      { template: 'change_email', data: { name: 'Анна', newEmail: 'anna@example.ru', url } },
      {
        template: 'invitation',
        data: {
          organizationName: 'АО «Азот»',
          inviterName: 'Иван Петров',
          url,
          expiresAt: '2026-12-01T05:00:00Z',
        },
      },
      { template: 'employer_verified', data: { organizationName: 'АО «Азот»', url } },
      {
        template: 'employer_rejected',
        data: { organizationName: 'АО «Азот»', reason: 'ИНН не найден\nв ЕГРЮЛ' },
      },
    ];
    for (const message of messages) {
      const { subject, text, html } = renderMessage(message);
      expect(subject).toMatch(/ — КемероVоПРОФИ$/);
      expect(text).toMatch(/^Здравствуйте/);
      expect(html).toContain('КемероVоПРОФИ');
      expect(html).toContain(`<title>${escapeHtml(subject)}</title>`);
    }
    // an organization name with its own quotes nests them as „лапки“ inside «ёлочек»
    expect(renderMessage(messages[4]).subject).toBe('Организация «АО „Азот“» подтверждена — КемероVоПРОФИ');
    expect(renderMessage(messages[5]).text).toContain('данные организации «АО „Азот“».');
    const rejected = renderMessage(messages[5]);
    expect(rejected.text).toContain('Причина: ИНН не найден\nв ЕГРЮЛ');
    expect(rejected.html).toContain('Причина: ИНН не найден<br>в ЕГРЮЛ');
    expect(renderMessage(messages[2]).text).toContain('anna@example.ru');
  });
});

describe('opportunity letters', () => {
  it('approved, rejected with its reason, and expiring with a one-click extend link', () => {
    const extendUrl = 'https://kemerovo-profi.example/employer/opportunities/1b9d6bcd/extend';
    const publicUrl = 'https://kemerovo-profi.example/opportunities/1b9d6bcd';
    const approved = renderEmail('opportunity_approved', { title: 'Стажёр <b>АСУ ТП</b>', url, publicUrl });
    expect(approved.subject).toBe('Публикация «Стажёр <b>АСУ ТП</b>» прошла модерацию — КемероVоПРОФИ');
    expect(approved.html).toContain('Стажёр &lt;b&gt;АСУ ТП&lt;/b&gt;');
    // both the posting's public page and the employer's own list
    expect(approved.text).toContain(`Стажёр <b>АСУ ТП</b> — страница публикации на портале\n${publicUrl}`);
    expect(approved.text).toContain(`Открыть мои публикации:\n${url}`);
    expect(approved.html).toContain(`href="${publicUrl}"`);
    expect(() =>
      renderEmail('opportunity_approved', { title: 'Стажёр', url, publicUrl: 'javascript:alert(1)' }),
    ).toThrow(/Недопустимая ссылка/);
    const rejected = renderEmail('opportunity_rejected', { title: 'Стажёр', reason: 'Нет условий\nоплаты' });
    expect(rejected.text).toContain('Причина: Нет условий\nоплаты');
    expect(rejected.html).toContain('Причина: Нет условий<br>оплаты');
    const expiring = renderEmail('opportunity_expiring', {
      title: 'Стажёр',
      expiresAt: '2026-12-01T05:00:00Z',
      extendUrl,
    });
    expect(expiring.text).toContain(`Продлить на 30 дней:\n${extendUrl}`);
    expect(expiring.text).toContain('1 декабря 2026');
    for (const letter of [approved, rejected, expiring]) {
      expect(letter.subject).toMatch(/ — КемероVоПРОФИ$/);
      expect(letter.text).toMatch(/^Здравствуйте/);
    }
  });
});
