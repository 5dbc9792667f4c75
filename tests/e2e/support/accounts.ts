import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoEmail, type DemoKey } from '../../../src/lib/server/accounts/demo-accounts.ts';
import { followLinkInLetter, SUBJECTS } from './mailbox.ts';

export { DEMO_PASSWORD, type DemoKey };

/** The demo log-ins that the launcher seeds (src/lib/server/accounts/demo-accounts.ts), with each role's home. */
export const DEMO = {
  student: { email: demoEmail('student'), home: '/student' },
  graduate: { email: demoEmail('graduate'), home: '/student' },
  employer: { email: demoEmail('employer'), home: '/employer' },
  employerPending: { email: demoEmail('employerPending'), home: '/employer' },
  university: { email: demoEmail('university'), home: '/university' },
  admin: { email: demoEmail('admin'), home: '/admin' },
} as const satisfies Record<DemoKey, { email: string; home: string }>;

let sequence = 0;

/** An address no one has used: unique per run and per call. */
export function uniqueEmail(tag = 'user'): string {
  sequence += 1;
  return `e2e-${Date.now()}-${sequence}-${tag}@example.test`;
}

/** A password that passes every rule (length, not a common one), unique enough per person. */
export function strongPassword(): string {
  return `Кузбасс-${Date.now().toString(36)}-Tест!`;
}

/** Signs in through the form and waits to leave /sign-in. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  const emailField = page.getByLabel('Электронная почта', { exact: true });
  await emailField.fill(email);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await expect(emailField).toHaveValue(email);
  await page.getByRole('button', { name: 'Войти' }).click();
  const refusal = page.locator('.alert.error, .error').first();
  await Promise.race([
    page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
    refusal.waitFor({ state: 'visible' }),
  ]);
  if (new URL(page.url()).pathname.startsWith('/sign-in')) {
    throw new Error(`Вход ${email} не удался: ${await refusal.textContent()}`);
  }
}

export async function signInDemo(page: Page, key: DemoKey): Promise<void> {
  await signIn(page, DEMO[key].email, DEMO_PASSWORD);
  await expect(page).toHaveURL(DEMO[key].home);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('link', { name: 'Войти' })).toBeVisible();
}

export interface PersonInput {
  role: 'student' | 'graduate';
  fullName: string;
  email: string;
  password: string;
  university: string | RegExp;
  programmeCode?: string;
  yearOfStudy?: string;
  graduationYear?: string;
}

/** Fills /sign-up/person (the page must be open) and submits it. */
export async function fillPersonSignUp(page: Page, input: PersonInput, { consent = true } = {}) {
  await page.getByRole('radio', { name: input.role === 'student' ? 'студент' : 'выпускник' }).check();
  await page.getByLabel('Имя и фамилия', { exact: true }).fill(input.fullName);
  await page.getByLabel('Электронная почта', { exact: true }).fill(input.email);
  await page.getByLabel('Пароль', { exact: true }).fill(input.password);
  await page
    .getByLabel('Вуз', { exact: true })
    .selectOption({ label: await optionLabel(page, 'Вуз', input.university) });
  if (input.programmeCode)
    await page.getByLabel('Направление подготовки', { exact: true }).fill(input.programmeCode);
  if (input.yearOfStudy) await page.getByLabel('Курс', { exact: true }).fill(input.yearOfStudy);
  if (input.graduationYear) await page.getByLabel('Год выпуска', { exact: true }).fill(input.graduationYear);
  if (consent) await page.getByRole('checkbox', { name: /согласие на обработку/ }).check();
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
}

/** The full label of the option of a select that matches a short name (e.g. «КузГТУ»). */
async function optionLabel(page: Page, label: string, match: string | RegExp): Promise<string> {
  const labels = await page.getByLabel(label, { exact: true }).locator('option').allTextContents();
  const found = labels.find((l) => (typeof match === 'string' ? l.includes(match) : match.test(l)));
  if (!found) throw new Error(`Нет варианта «${String(match)}» в списке «${label}»: ${labels.join(' | ')}`);
  return found;
}

export interface EmployerInput {
  organizationName: string;
  inn: string;
  industry: string | RegExp;
  district?: string | RegExp;
  fullName: string;
  position?: string;
  email: string;
  password: string;
}

/** Fills /sign-up/employer (the page must be open) and submits it. */
export async function fillEmployerSignUp(page: Page, input: EmployerInput, { consent = true } = {}) {
  await page.getByLabel('Название организации', { exact: true }).fill(input.organizationName);
  await page.getByLabel('ИНН', { exact: true }).fill(input.inn);
  await page
    .getByLabel('Отрасль (раздел ОКВЭД)', { exact: true })
    .selectOption({ label: await optionLabel(page, 'Отрасль (раздел ОКВЭД)', input.industry) });
  if (input.district) {
    await page
      .getByLabel('Район Кемерова', { exact: true })
      .selectOption({ label: await optionLabel(page, 'Район Кемерова', input.district) });
  }
  await page.getByLabel('Имя и фамилия', { exact: true }).fill(input.fullName);
  if (input.position) await page.getByLabel('Должность', { exact: true }).fill(input.position);
  await page.getByLabel('Рабочая электронная почта', { exact: true }).fill(input.email);
  await page.getByLabel('Пароль', { exact: true }).fill(input.password);
  if (consent) await page.getByRole('checkbox', { name: /согласие на обработку/ }).check();
  await page.getByRole('button', { name: 'Зарегистрировать организацию' }).click();
}

/** The check-email page after a successful sign-up, naming the address. */
export async function expectCheckEmail(page: Page, email: string): Promise<void> {
  await expect(page).toHaveURL(/\/sign-up\/check-email\?/);
  await expect(page.getByRole('heading', { level: 1, name: 'Проверьте почту' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(email);
}

/** Opens the verification letter and follows its link; the person lands signed in on their home. */
export async function verifyEmail(page: Page, email: string): Promise<void> {
  await followLinkInLetter(page, email, SUBJECTS.verify, /\/api\/auth\/verify-email\?token=/);
}

/** A new student, signed up through the form and verified: for tests that need a fresh person. */
export async function newVerifiedStudent(page: Page, tag = 'student') {
  const person: PersonInput = {
    role: 'student',
    fullName: 'Тестовый Студент',
    email: uniqueEmail(tag),
    password: strongPassword(),
    university: 'КузГТУ',
    programmeCode: '18.03.01',
    yearOfStudy: '2',
  };
  await page.goto('/sign-up/person');
  await fillPersonSignUp(page, person);
  await expectCheckEmail(page, person.email);
  await verifyEmail(page, person.email);
  await expect(page).toHaveURL('/student?verified=1');
  return person;
}
