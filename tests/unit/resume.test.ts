import { describe, expect, test } from 'vitest';
import { parseResumeForm } from '../../src/lib/schemas/resume.ts';
import { attachmentDisposition, checkPdf, safePdfName } from '../../src/lib/server/files/pdf.ts';

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe('the résumé form', () => {
  test('empty rows are dropped, skills trimmed and merged without repeats', () => {
    const parsed = parseResumeForm(
      form([
        ['headline', '  Аналитик  '],
        ['skills', 'SQL'],
        ['newSkills', ' sql , Excel,  Power   BI '],
        ['exp-0-kind', 'work'],
        ['exp-0-title', ''],
        ['exp-1-kind', 'project'],
        ['exp-1-title', 'Дашборд для деканата'],
        ['exp-1-from', '2024-02'],
        ['lang-0-language', ''],
        ['lang-0-level', ''],
        ['desiredKinds', 'vacancy'],
        ['desiredKinds', 'vacancy'],
      ]),
    );
    expect(parsed.ok && parsed.data).toMatchObject({
      headline: 'Аналитик',
      skills: ['SQL', 'Excel', 'Power BI'],
      experience: [{ kind: 'project', title: 'Дашборд для деканата', from: '2024-02', to: null }],
      languages: [],
      desiredKinds: ['vacancy'],
    });
  });

  test('messages are Russian and keyed by the input of the row they belong to', () => {
    const parsed = parseResumeForm(
      form([
        ['averageGrade', '5,5'],
        ['exp-0-title', ''],
        ['exp-1-kind', 'work'],
        ['exp-1-title', 'Лаборант'],
        ['exp-1-from', '2024-05'],
        ['exp-1-to', '2023-01'],
        ['lang-0-language', 'Немецкий'],
        ['lang-0-level', 'Z9'],
        ['portfolioUrl', 'javascript:alert(1)'],
        ['desiredSchedules', 'night'],
      ]),
    );
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual({
      averageGrade: 'Средний балл — число от 2 до 5, например 4,5',
      'exp-1-to': 'Опыт: месяц окончания не раньше месяца начала',
      'lang-0-level': 'Языки: выберите уровень из списка',
      portfolioUrl: 'Портфолио: адрес должен начинаться с http:// или https://',
      desiredSchedules: 'График: выберите из списка',
    });
  });
});

describe('PDF bytes', () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

  test('a PDF is known by its first and last bytes, not its name', () => {
    expect(checkPdf(pdf)).toEqual({ ok: true });
    expect(checkPdf(Buffer.from('MZ\x90\x00%%EOF', 'latin1'))).toEqual({ ok: false, reason: 'not_pdf' });
    expect(checkPdf(Buffer.from('%PDF-1.7 cut off in the middle', 'latin1'))).toEqual({
      ok: false,
      reason: 'not_pdf',
    });
    expect(checkPdf(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    pdf.copy(big);
    expect(checkPdf(big)).toEqual({ ok: false, reason: 'too_large' });
  });

  test('names are made safe and offered with an RFC 5987 filename*', () => {
    expect(safePdfName('C:\\Users\\me\\Резюме "Иванов".PDF')).toBe('Резюме Иванов.pdf');
    expect(safePdfName('../../etc/passwd')).toBe('passwd.pdf');
    expect(safePdfName('')).toBe('резюме.pdf');
    expect(attachmentDisposition('Резюме (2025).pdf')).toBe(
      `attachment; filename="______ (2025).pdf"; filename*=UTF-8''%D0%A0%D0%B5%D0%B7%D1%8E%D0%BC%D0%B5%20%282025%29.pdf`,
    );
  });
});
