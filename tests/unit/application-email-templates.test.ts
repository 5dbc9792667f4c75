import { describe, expect, it } from 'vitest';
import { offerTermLines, renderEmail } from '../../src/lib/server/email/templates.ts';

const url = 'https://kemerovo-profi.example/student/applications/0b6f1c2e-1111-4222-8333-944455556666';

describe('letters about applications', () => {
  it('the interview letter gives time in Kemerovo, the place and the link, escaped in HTML', () => {
    const { subject, text, html } = renderEmail('application_interview', {
      name: 'Анна',
      title: 'Инженер <АСУ ТП>',
      organizationName: 'ООО «Кузбасс-Телеком»',
      at: '2026-12-07T03:30:00Z',
      place: 'каб. 5',
      link: 'https://meet.example.ru/room?a=1&b=2',
      note: null,
      rescheduled: false,
      url,
    });
    expect(subject).toBe('Приглашение на собеседование: «Инженер <АСУ ТП>» — КемероVоПРОФИ');
    expect(text).toContain('Когда: 7 декабря 2026 г. в 10:30 (время кемеровское)');
    expect(text).toContain('Где: каб. 5');
    expect(text).toContain('Ссылка на встречу: https://meet.example.ru/room?a=1&b=2');
    expect(text).toContain(url);
    expect(html).toContain('Инженер &lt;АСУ ТП&gt;');
    expect(html).not.toContain('<АСУ ТП>');
  });

  it('the rejection letter names the reason from the list and keeps the employer’s text', () => {
    const { text } = renderEmail('application_rejected', {
      name: 'Анна',
      title: 'Стажировка',
      organizationName: 'АО «Азот»',
      reason: 'position_filled',
      message: 'Спасибо!\nБудем рады видеть вас снова.',
      url,
    });
    expect(text).toContain('Причина: место уже занято.');
    expect(text).toContain('Спасибо!\nБудем рады видеть вас снова.');
    // an unknown reason code is never shown as a code
    expect(
      renderEmail('application_rejected', {
        name: 'А',
        title: 'Т',
        organizationName: 'О',
        reason: 'x',
        message: null,
        url,
      }).text,
    ).toContain('Причина: другая причина.');
  });

  it('offer terms are written by kind', () => {
    expect(offerTermLines('vacancy', { position: 'Инженер', start_date: '2031-02-01', pay: 90000 })).toEqual([
      'Должность: Инженер',
      'Дата начала: 1 февраля 2031 г.',
      `Зарплата: ${new Intl.NumberFormat('ru-RU').format(90000)} ₽ в месяц`,
    ]);
    expect(offerTermLines('practice', { start_date: '2031-06-01', end_date: '2031-07-15' })).toEqual([
      'Сроки практики: с 1 июня 2031 г. по 15 июля 2031 г.',
    ]);
    expect(
      offerTermLines('stipend', { start_date: '2031-09-01', amount_per_month: 15000, months: 10 }),
    ).toEqual([
      'Начало выплат: 1 сентября 2031 г.',
      `Стипендия: ${new Intl.NumberFormat('ru-RU').format(15000)} ₽ в месяц`,
      'Срок выплат: 10 мес.',
    ]);
    expect(
      offerTermLines('target_agreement', {
        start_date: '2031-09-01',
        work_years: 3,
        support_measures: 'Общежитие',
      }),
    ).toEqual([
      'Дата начала: 1 сентября 2031 г.',
      'Срок отработки после окончания обучения: 3 г.',
      'Меры поддержки: Общежитие',
    ]);
  });

  it('the hire letter’s button is the one-time link; without a link it says nothing is needed', () => {
    const data = {
      name: 'Иван',
      title: 'Инженер',
      organizationName: 'АО «Азот»',
      position: 'Инженер',
      startDate: '2026-12-15',
      url,
    };
    const withLink = renderEmail('application_hired', {
      ...data,
      confirmUrl: 'https://kemerovo-profi.example/employment/confirm/abc',
    });
    expect(withLink.html).toContain('href="https://kemerovo-profi.example/employment/confirm/abc"');
    expect(withLink.html).toContain('>Да, я работаю здесь</a>');
    const without = renderEmail('application_hired', { ...data, confirmUrl: null });
    expect(without.text).toContain('больше ничего делать не нужно');
    expect(without.text).not.toContain('/employment/confirm/');
  });

  it('digests count in Russian and refuse non-http links', () => {
    const items = [1, 2, 3, 4, 5].map((n) => ({
      title: `«Публикация ${n}»`,
      change: { status: 'shortlisted' as const },
      url,
    }));
    expect(
      renderEmail('application_updates', { name: 'Анна', audience: 'applicant', items: items.slice(0, 2) })
        .subject,
    ).toBe('Новое по вашим откликам: 2 изменения — КемероVоПРОФИ');
    expect(renderEmail('application_updates', { name: 'Анна', audience: 'applicant', items }).subject).toBe(
      'Новое по вашим откликам: 5 изменений — КемероVоПРОФИ',
    );
    const pending = (n: number) =>
      renderEmail('employer_pending_applications', {
        organizationName: 'АО «Азот»',
        items: [{ applicantName: 'Анна', title: 'Инженер', submittedAt: '2026-11-20T05:00:00Z', url }],
        total: n,
        listUrl: 'https://kemerovo-profi.example/employer/applications',
      });
    expect(pending(1).subject).toBe('1 отклик без ответа больше 3 рабочих дней — КемероVоПРОФИ');
    expect(pending(21).subject).toBe('21 отклик без ответа больше 3 рабочих дней — КемероVоПРОФИ');
    expect(pending(31).text).toContain('Ниже — 1 самых давних');
    expect(() =>
      renderEmail('application_updates', {
        name: null,
        audience: 'employer',
        items: [{ title: 'x', change: { status: 'withdrawn' }, url: 'javascript:alert(1)' }],
      }),
    ).toThrow(/Недопустимая ссылка/);
  });
});
