import { describe, expect, it } from 'vitest';
import { parseForm } from '../../src/lib/schemas/form.ts';
import { signUpEmployerSchema, signUpPersonSchema } from '../../src/lib/schemas/auth.ts';

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

const student = {
  role: 'student',
  fullName: 'Артём Козлов',
  email: 'Artem@Example.TEST ',
  password: 'тёплый-Кедр-42-Томь',
  universityId: '0b6b6b9e-4d3c-4c8e-9a57-8b8f0a7c6d5e',
  programmeCode: '18.03.01',
  yearOfStudy: '3',
  consent: 'on',
};

const employer = {
  fullName: 'Наталья Орлова',
  email: 'hr@example.test',
  password: 'тёплый-Кедр-42-Томь',
  organizationName: 'ООО «Кузбасс Софт»',
  inn: '7707329152',
  industryCode: 'J',
  consent: 'on',
};

describe('sign-up schemas', () => {
  it('normalises a valid student sign-up', () => {
    const r = parseForm(signUpPersonSchema, form(student));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.email).toBe('artem@example.test');
      expect(r.data.yearOfStudy).toBe(3);
    }
  });

  it('names each bad field in Russian and never echoes the password', () => {
    const r = parseForm(
      signUpPersonSchema,
      form({ ...student, email: 'не-почта', password: 'короткий', yearOfStudy: '9', consent: '' }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.email).toMatch(/почты/);
      expect(r.errors.password).toMatch(/не короче 10/);
      expect(r.errors.yearOfStudy).toMatch(/от 1 до 6/);
      expect(r.errors.consent).toMatch(/согласие/);
      expect(r.values.password).toBeUndefined();
      expect(r.values.email).toBe('не-почта');
    }
  });

  it('asks a student for the year and a graduate for the graduation year', () => {
    const s = parseForm(signUpPersonSchema, form({ ...student, yearOfStudy: '' }));
    expect(!s.ok && s.errors.yearOfStudy).toBe('Укажите курс');
    const g = parseForm(signUpPersonSchema, form({ ...student, role: 'graduate', yearOfStudy: '' }));
    expect(!g.ok && g.errors.graduationYear).toBe('Укажите год выпуска');
  });

  it('refuses a programme code that is not shaped like ОКСО', () => {
    const r = parseForm(signUpPersonSchema, form({ ...student, programmeCode: '18.3.1' }));
    expect(!r.ok && r.errors.programmeCode).toMatch(/ОКСО|18\.03\.01/);
  });

  it('checks the ИНН checksum of an employer', () => {
    expect(parseForm(signUpEmployerSchema, form(employer)).ok).toBe(true);
    const r = parseForm(signUpEmployerSchema, form({ ...employer, inn: '7707329153' }));
    expect(!r.ok && r.errors.inn).toMatch(/контрольное число/);
    const short = parseForm(signUpEmployerSchema, form({ ...employer, inn: '12345' }));
    expect(!short.ok && short.errors.inn).toMatch(/10 цифр/);
  });

  it('refuses a website without http(s)', () => {
    const r = parseForm(signUpEmployerSchema, form({ ...employer, website: 'javascript:alert(1)' }));
    expect(!r.ok && r.errors.website).toMatch(/http/);
  });
});
