import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../src/lib/server/email/templates.ts';
import { tokenHash, unsubscribeToken } from '../../src/lib/server/saved-searches/unsubscribe-token.ts';

const base = 'https://kemerovo-profi.example';

describe('saved_search_alert letter', () => {
  it('lists the new postings as links, escapes them, and ends with the unsubscribe link', () => {
    const { subject, text, html } = renderEmail('saved_search_alert', {
      searchName: 'Стажировки <b>ИТ</b>',
      count: 12,
      items: [
        {
          title: 'Стажёр-программист <script>alert(1)</script>',
          organizationName: 'ООО «Кузбасс & Ко»',
          url: `${base}/opportunities/1`,
        },
      ],
      searchUrl: `${base}/opportunities?q=it&kind=internship`,
      unsubscribeUrl: `${base}/unsubscribe/abc`,
    });
    expect(subject).toBe('12 новых публикаций по поиску «Стажировки <b>ИТ</b>» — КемероVоПРОФИ');
    expect(text).toContain('Стажёр-программист <script>alert(1)</script> — ООО «Кузбасс & Ко»');
    expect(text).toContain(`${base}/unsubscribe/abc`);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>ИТ');
    expect(html).toContain('Стажёр-программист &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('ООО «Кузбасс &amp; Ко»');
    expect(html).toContain(`href="${base}/opportunities?q=it&amp;kind=internship"`);
    expect(html).toContain(`href="${base}/unsubscribe/abc"`);
    expect(html.indexOf('/unsubscribe/abc')).toBeGreaterThan(html.indexOf('Открыть все результаты'));
  });

  it('agrees in number: 1 новая, 3 новые, 11 новых', () => {
    const render = (count: number) =>
      renderEmail('saved_search_alert', {
        searchName: 'Поиск',
        count,
        items: [],
        searchUrl: base,
        unsubscribeUrl: `${base}/unsubscribe/x`,
      }).subject;
    expect(render(1)).toMatch(/^1 новая публикация/);
    expect(render(3)).toMatch(/^3 новые публикации/);
    expect(render(11)).toMatch(/^11 новых публикаций/);
    expect(render(22)).toMatch(/^22 новые публикации/);
  });

  it('refuses a javascript: link among the postings', () => {
    expect(() =>
      renderEmail('saved_search_alert', {
        searchName: 'Поиск',
        count: 1,
        items: [{ title: 'x', organizationName: 'y', url: 'javascript:alert(1)' }],
        searchUrl: base,
        unsubscribeUrl: `${base}/unsubscribe/x`,
      }),
    ).toThrow(/Недопустимая ссылка/);
  });
});

describe('unsubscribe token', () => {
  it('is stable per saved search and secret, and only its sha256 is stored', () => {
    const a = unsubscribeToken('00000000-0000-0000-0000-000000000001', 's'.repeat(32));
    expect(a).toBe(unsubscribeToken('00000000-0000-0000-0000-000000000001', 's'.repeat(32)));
    expect(a).not.toBe(unsubscribeToken('00000000-0000-0000-0000-000000000002', 's'.repeat(32)));
    expect(a).not.toBe(unsubscribeToken('00000000-0000-0000-0000-000000000001', 't'.repeat(32)));
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
