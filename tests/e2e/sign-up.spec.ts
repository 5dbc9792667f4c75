import { quoted } from '../../src/lib/i18n/quotes.ts';
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  expectCheckEmail,
  fillEmployerSignUp,
  fillPersonSignUp,
  signInDemo,
  strongPassword,
  uniqueEmail,
  verifyEmail,
  type EmployerInput,
  type PersonInput,
} from './support/accounts.ts';
import { anonOrganizations, clearRateLimits, organizationIdOf, testDb } from './support/db.ts';
import { isValidInn10, validInn } from './support/inn.ts';
import { letterText, openLetter, SUBJECTS } from './support/mailbox.ts';

// The whole run comes from one IP and the app limits sign-ups per IP (src/lib/server/rate-limit.ts):
// start every test with clear counters.
test.beforeEach(async () => {
  await clearRateLimits();
});

async function landingEmployerCount(page: Page): Promise<number> {
  await page.goto('/');
  return Number(await page.getByTestId('count-employers').textContent());
}

async function newEmployer(page: Page, tag: string): Promise<EmployerInput> {
  const employer: EmployerInput = {
    organizationName: `ООО «Е2Е ${tag} ${Date.now()}»`,
    inn: validInn(),
    industry: /^J — /,
    district: /^Центральный/,
    fullName: 'Анна Петровна Смирнова',
    position: 'Менеджер по персоналу',
    email: uniqueEmail(`employer-${tag}`),
    password: strongPassword(),
  };
  expect(isValidInn10(employer.inn)).toBe(true);
  await page.goto('/sign-up');
  await page.getByRole('link', { name: 'Работодатель' }).click();
  await expect(page).toHaveURL('/sign-up/employer');
  await fillEmployerSignUp(page, employer);
  await expectCheckEmail(page, employer.email);
  await expect(page.getByText('Затем администрация города проверит организацию')).toBeVisible();
  await verifyEmail(page, employer.email);
  await expect(page).toHaveURL('/employer?verified=1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(employer.organizationName);
  await expect(page.getByTestId('verification-state')).toContainText('на проверке');
  return employer;
}

/** The demo administrator, signed in in a browser context of their own. */
async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInDemo(page, 'admin');
  await page.goto('/admin/employers');
  return page;
}

function employerRow(admin: Page, organizationName: string) {
  return admin
    .getByTestId('employer-row')
    .filter({ has: admin.getByRole('heading', { name: organizationName }) });
}

test('a new student signs up, confirms the address from the letter and lands on /student', async ({
  page,
}) => {
  const student: PersonInput = {
    role: 'student',
    fullName: 'Иван Е2Е Студентов',
    email: uniqueEmail('student'),
    password: strongPassword(),
    university: 'КузГТУ',
    programmeCode: '18.03.01',
    yearOfStudy: '2',
  };
  await page.goto('/sign-up');
  await page.getByRole('link', { name: 'Студент или выпускник' }).click();
  await expect(page).toHaveURL('/sign-up/person');
  await fillPersonSignUp(page, student);
  await expectCheckEmail(page, student.email);

  // Not signed in before the address is confirmed.
  await page.goto('/student');
  await expect(page).toHaveURL(/\/sign-in/);

  await openLetter(page, student.email, SUBJECTS.verify);
  expect(await letterText(page)).toContain(`Здравствуйте, ${student.fullName}!`);
  await verifyEmail(page, student.email);
  await expect(page).toHaveURL('/student?verified=1');
  await expect(page.getByRole('status')).toHaveText('Адрес подтверждён. Добро пожаловать!');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Здравствуйте, ${student.fullName}`);
  const study = page.getByRole('region', { name: 'Учёба', exact: true });
  await expect(study).toContainText('Кузбасский государственный технический университет');
  await expect(study).toContainText('18.03.01');
  await expect(study.getByRole('definition').nth(2)).toHaveText('2');

  // The consent (152-ФЗ) is recorded with a timestamp.
  const { rows } = await testDb().query<{ role: string; consents: number }>(
    `select p.role, (select count(*) from public.consents c where c.profile_id = p.id and c.granted_at is not null)::int as consents
       from public.profiles p where p.email = $1`,
    [student.email],
  );
  expect(rows).toEqual([{ role: 'student', consents: 1 }]);
});

test('a new graduate signs up, confirms the address and lands on /student', async ({ page }) => {
  const graduate: PersonInput = {
    role: 'graduate',
    fullName: 'Мария Е2Е Выпускникова',
    email: uniqueEmail('graduate'),
    password: strongPassword(),
    university: 'КемГУ',
    programmeCode: '09.03.03',
    graduationYear: '2025',
  };
  await page.goto('/sign-up/person');
  await fillPersonSignUp(page, graduate);
  await expectCheckEmail(page, graduate.email);
  await verifyEmail(page, graduate.email);
  await expect(page).toHaveURL('/student?verified=1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Здравствуйте, ${graduate.fullName}`);
  const study = page.getByRole('region', { name: 'Учёба', exact: true });
  await expect(study).toContainText('Кемеровский государственный университет');
  await expect(study).toContainText('09.03.03');
  await expect(study).toContainText('2025');
  await expect(page.getByRole('banner')).toContainText('Выпускник');
});

test('a new employer waits for the administration, is verified, and becomes public', async ({
  page,
  browser,
}) => {
  const countBefore = await landingEmployerCount(page);
  const employer = await newEmployer(page, 'verify');
  const organizationId = await organizationIdOf(employer.email);
  // Pending: invisible to anonymous visitors and not counted on the landing page.
  expect(await anonOrganizations(organizationId)).toEqual([]);

  const admin = await adminPage(browser);
  const row = employerRow(admin, employer.organizationName);
  await expect(row).toContainText(employer.inn);
  await expect(row).toContainText(employer.email);
  await expect(row).toContainText('почта подтверждена');
  await row.getByRole('button', { name: 'Подтвердить' }).click();
  await expect(admin.getByRole('status')).toHaveText(
    `${quoted(employer.organizationName)} подтверждена; представителю отправлено письмо.`,
  );
  await expect(row).toHaveCount(0);
  await admin.goto('/admin/employers?status=verified');
  await expect(employerRow(admin, employer.organizationName)).toBeVisible();
  await admin.context().close();

  await openLetter(page, employer.email, SUBJECTS.employerVerified(employer.organizationName));
  expect(await letterText(page)).toContain('проверила и подтвердила данные организации');
  await page.goto('/employer');
  await expect(page.getByTestId('verification-state')).toContainText('Организация проверена');

  // Signed out, the organization counts on the landing page and the Data API shows it to anon.
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL('/');
  expect(await landingEmployerCount(page)).toBe(countBefore + 1);
  expect(await anonOrganizations(organizationId)).toEqual([
    { id: organizationId, name: employer.organizationName },
  ]);
});

test('the administration rejects an employer only with a reason, which reaches the employer', async ({
  page,
  browser,
}) => {
  const employer = await newEmployer(page, 'reject');
  const organizationId = await organizationIdOf(employer.email);

  const admin = await adminPage(browser);
  const row = employerRow(admin, employer.organizationName);
  await row.getByRole('button', { name: 'Отклонить' }).click();
  const reason = row.getByLabel('Причина отказа (для отклонения)');
  await expect(row.locator(`#note-${organizationId}-error`)).toHaveText(
    'Укажите причину отказа: её получит работодатель',
  );
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAttribute('aria-describedby', `note-${organizationId}-error`);
  // Still pending.
  const { rows } = await testDb().query<{ status: string }>(
    'select verification_status as status from public.organizations where id = $1',
    [organizationId],
  );
  expect(rows[0].status).toBe('pending');

  const why = 'ИНН не совпадает с данными ЕГРЮЛ';
  await reason.fill(why);
  await row.getByRole('button', { name: 'Отклонить' }).click();
  await expect(admin.getByRole('status')).toHaveText(
    `Заявка ${quoted(employer.organizationName)} отклонена; причина отправлена представителю.`,
  );
  await admin.goto('/admin/employers?status=rejected');
  await expect(employerRow(admin, employer.organizationName)).toContainText(why);
  await admin.context().close();

  await openLetter(page, employer.email, SUBJECTS.employerRejected(employer.organizationName));
  expect(await letterText(page)).toContain(`Причина: ${why}`);
  await page.goto('/employer');
  await expect(page.getByTestId('verification-state')).toContainText(`отклонила заявку организации: ${why}`);
  expect(await anonOrganizations(organizationId)).toEqual([]);
});
