import { describe, expect, test } from 'vitest';
import {
  APPLICATION_STATUS_LABELS,
  APPLICATION_STATUS_TONES,
  APPLICATION_STATUSES,
  isStale,
  offerTermRows,
  REJECTION_REASON_LABELS,
  REJECTION_REASONS,
  statusLabel,
  studentNextStep,
} from '../../src/lib/applications.ts';
import { hireSchema, rejectSchema } from '../../src/lib/schemas/pipeline.ts';
import { transferConsentText } from '../../src/lib/consents/transfer-to-employer.ts';

const now = new Date('2026-12-10T03:00:00Z'); // 10:00 in Kemerovo
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
const base = { kind: 'vacancy' as const, created_at: daysAgo(1), status_changed_at: daysAgo(1) };

describe('application labels', () => {
  test('every state and every rejection reason has a Russian name and a tone', () => {
    for (const s of APPLICATION_STATUSES) {
      expect(APPLICATION_STATUS_LABELS[s]).toMatch(/^[А-ЯЁ]/);
      expect(APPLICATION_STATUS_TONES[s]).toBeTruthy();
    }
    for (const r of REJECTION_REASONS) expect(REJECTION_REASON_LABELS[r]).toMatch(/^[А-ЯЁ]/);
  });

  test('the employer words three states from its side; the others read the same for everyone', () => {
    expect(statusLabel('submitted', 'employer')).toBe('Новый');
    expect(statusLabel('offer', 'employer')).toBe('Предложение отправлено');
    expect(statusLabel('withdrawn', 'employer')).toBe('Отозван кандидатом');
    expect(statusLabel('submitted')).toBe('Отправлен');
    expect(statusLabel('submitted', 'other')).toBe('Отправлен');
    for (const s of APPLICATION_STATUSES) {
      if (!['submitted', 'offer', 'withdrawn'].includes(s))
        expect(statusLabel(s, 'employer')).toBe(APPLICATION_STATUS_LABELS[s]);
    }
  });

  test('the pipeline forms accept exactly the shared lists of reasons and documents', () => {
    for (const reason of REJECTION_REASONS) expect(rejectSchema.safeParse({ reason }).success).toBe(true);
    expect(rejectSchema.safeParse({ reason: 'rude' }).success).toBe(false);
    const hire = {
      startDate: '2026-12-20',
      position: 'Инженер',
      documentNumber: '1',
      documentDate: '2026-12-10',
    };
    expect(hireSchema.safeParse({ ...hire, documentKind: 'contract' }).success).toBe(true);
    expect(hireSchema.safeParse({ ...hire, documentKind: 'letter' }).success).toBe(false);
  });

  test('the next step in words', () => {
    expect(studentNextStep({ ...base, status: 'submitted' }, now)).toBe('ждём ответа работодателя');
    expect(studentNextStep({ ...base, status: 'interview', interview_at: '2026-12-12T03:00:00Z' }, now)).toBe(
      'собеседование 12.12 в 10:00',
    );
    expect(studentNextStep({ ...base, status: 'offer', offer_answer_by: '2026-12-15' }, now)).toBe(
      'ответьте на предложение до 15.12.2026',
    );
    expect(studentNextStep({ ...base, status: 'offer', offer_answer_by: '2026-12-09' }, now)).toBe(
      'срок ответа на предложение истёк 09.12.2026',
    );
    expect(studentNextStep({ ...base, kind: 'practice', status: 'accepted' }, now)).toBe(
      'практика ждёт подтверждения вуза',
    );
    expect(
      studentNextStep({ ...base, status: 'hired', employment_status: 'awaiting_confirmation' }, now),
    ).toBe('подтвердите, что вы работаете здесь');
    expect(studentNextStep({ ...base, status: 'rejected', rejection_reason: 'position_filled' }, now)).toBe(
      'работодатель отказал: место уже занято',
    );
  });

  test('21 days without a decision are said honestly; a look is not a decision', () => {
    const viewed = {
      ...base,
      status: 'viewed' as const,
      created_at: daysAgo(21),
      status_changed_at: daysAgo(2),
    };
    expect(isStale(viewed, now)).toBe(true);
    expect(studentNextStep(viewed, now)).toBe('работодатель не ответил за 21 день — можно отозвать отклик');
    expect(isStale({ ...viewed, created_at: daysAgo(20) }, now)).toBe(false);
    expect(isStale({ ...viewed, status: 'interview' }, now)).toBe(false);
    expect(isStale({ ...viewed, status: 'shortlisted' }, now)).toBe(false);
  });

  test('offer terms by kind', () => {
    expect(
      offerTermRows('stipend', {
        start_date: '2027-02-01',
        amount_per_month: 15000,
        months: 10,
        answer_by: '2026-12-20',
      }),
    ).toEqual([
      ['Начало выплат', '01.02.2027'],
      ['Размер стипендии в месяц', `15${'\u00a0'}000 ₽`],
      ['Срок, месяцев', '10'],
      ['Ответить до', '20.12.2026'],
    ]);
    expect(offerTermRows('vacancy', { position: 'Инженер', start_date: '2027-01-10', pay: null })).toEqual([
      ['Должность', 'Инженер'],
      ['Дата выхода на работу', '10.01.2027'],
    ]);
  });

  test('the consent names the employer with its ИНН, and the database accepts its length', () => {
    const text = transferConsentText({
      applicantName: 'Артём Козлов',
      employerName: 'АО «Азот»',
      employerInn: '4205000012',
      employerAddress: null,
      postingTitle: 'Инженер-технолог',
    });
    expect(text).toContain('АО «Азот» (ИНН 4205000012)');
    expect(text.length).toBeGreaterThanOrEqual(50);
    expect(text.length).toBeLessThanOrEqual(10000);
  });
});
