import { describe, expect, test } from 'vitest';
import { renderMessage } from '../../src/lib/server/email/templates.ts';
import { monthsWord, yearsWord } from '../../src/lib/server/email/templates-outcomes.ts';

const stipend = {
  audience: 'university' as const,
  studentName: 'Соколова Анна <b>Игоревна</b>',
  organizationName: 'ООО «Азот-Инжиниринг»',
  universityName: 'КемГУ',
  amountPerMonth: 15000,
  months: 10,
  startsOn: '2026-09-01',
  url: 'https://kemerovo-profi.ru/university/stipends',
};

describe('letters of stipend awards and target agreements (through renderMessage)', () => {
  test('the university is asked to confirm, with the terms and the link that acts on it', () => {
    const mail = renderMessage({ template: 'stipend_award_step', data: { ...stipend, step: 'created' } });
    expect(mail.subject).toBe(
      'Подтвердите стипендию студента: Соколова Анна <b>Игоревна</b> — КемероVоПРОФИ',
    );
    expect(mail.text).toContain('15\u00a0000 ₽ в месяц, 10 месяцев с 01.09.2026');
    expect(mail.text).toContain('Подтвердить стипендию:\nhttps://kemerovo-profi.ru/university/stipends');
    expect(mail.html).toContain('Соколова Анна &lt;b&gt;Игоревна&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Игоревна');
  });

  test('a cancellation carries its reason; a target agreement its number, date and years', () => {
    const cancelled = renderMessage({
      template: 'stipend_award_step',
      data: { ...stipend, audience: 'student', step: 'cancelled', reason: 'Студент перевёлся' },
    });
    expect(cancelled.text).toContain('Причина: Студент перевёлся');
    const signed = renderMessage({
      template: 'target_agreement_step',
      data: {
        step: 'signed_by_employer',
        audience: 'student',
        studentName: 'Иванов Иван',
        organizationName: 'АО «Азот»',
        universityName: 'КузГТУ',
        programme: '18.03.01 Химическая технология',
        workYears: 3,
        number: 'ЦО-12',
        date: '2026-12-01',
        url: 'https://kemerovo-profi.ru/student/target-agreements',
      },
    });
    expect(signed.subject).toBe('Подпишите договор о целевом обучении — КемероVоПРОФИ');
    expect(signed.text).toContain('№ ЦО-12 от 01.12.2026');
    expect(signed.text).toContain('отработка 3 года');
    expect(() =>
      renderMessage({
        template: 'target_agreement_step',
        data: {
          step: 'in_force',
          audience: 'student',
          studentName: 'И',
          organizationName: 'О',
          universityName: 'В',
          programme: 'П',
          workYears: 5,
          url: 'javascript:alert(1)',
        },
      }),
    ).toThrow();
  });

  test('Russian plurals', () => {
    expect([1, 2, 5, 11, 21, 72].map(monthsWord)).toEqual([
      '1 месяц',
      '2 месяца',
      '5 месяцев',
      '11 месяцев',
      '21 месяц',
      '72 месяца',
    ]);
    expect([3, 5, 10].map(yearsWord)).toEqual(['3 года', '5 лет', '10 лет']);
  });
});
