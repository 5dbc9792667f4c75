import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  expectCheckEmail,
  fillPersonSignUp,
  signInDemo,
  strongPassword,
  uniqueEmail,
  verifyEmail,
  type DemoKey,
  type PersonInput,
} from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits, testDb } from './support/db.ts';

// Issue 8 items 3 and 4 as people do them: the demo employer awards a stipend to a КемГУ student,
// the demo career centre of КемГУ confirms it, the student sees it; then a target-training agreement
// signed by the customer (with its number), the student and the university comes in force.

/** A new КемГУ student, signed up through the form and verified, signed in on their own page. */
async function newKemsuStudent(browser: Browser): Promise<{ page: Page; person: PersonInput }> {
  const page = await (await browser.newContext()).newPage();
  const person: PersonInput = {
    role: 'student',
    fullName: 'Кузнецова Дарья Игоревна',
    email: uniqueEmail('stipend'),
    password: strongPassword(),
    university: 'КемГУ',
    programmeCode: '09.03.01',
    yearOfStudy: '3',
  };
  await page.goto('/sign-up/person');
  await fillPersonSignUp(page, person);
  await expectCheckEmail(page, person.email);
  await verifyEmail(page, person.email);
  await expect(page).toHaveURL('/student?verified=1');
  return { page, person };
}

async function demoPage(browser: Browser, key: DemoKey): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInDemo(page, key);
  return page;
}

const kemerovoToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Novokuznetsk' }).format(new Date());

async function statusOf(table: 'stipend_awards' | 'target_agreements', email: string): Promise<string[]> {
  const { rows } = await testDb().query<{ status: string }>(
    `select r.status from public.${table} r join public.profiles p on p.id = r.student_id where p.email = $1
      order by r.created_at`,
    [email],
  );
  return rows.map((r) => r.status);
}

test.beforeEach(async () => {
  await clearRateLimits();
});

test('the demo employer awards a stipend, the КемГУ career centre confirms it, the student sees it; then three signatures put a target agreement in force', async ({
  browser,
}) => {
  // three people, two records, six pages checked by axe: longer than one page's default
  test.setTimeout(180_000);
  const { page: student, person } = await newKemsuStudent(browser);
  await expect(student.getByRole('link', { name: 'Мои стипендии' })).toBeVisible();

  // The employer names the student by email; a wrong amount is refused first, nothing written.
  const employer = await demoPage(browser, 'employer');
  await employer.getByRole('link', { name: 'Стипендии' }).click();
  await expect(employer).toHaveURL('/employer/stipends');
  await expectNoAxeViolations(employer);
  const award = employer.getByRole('region', { name: 'Назначить стипендию студенту' });
  await award.getByLabel('Адрес электронной почты студента').fill(person.email);
  await award.getByLabel('Размер, ₽ в месяц').fill('0');
  await award.getByLabel('Срок, месяцев').fill('10');
  await award.getByLabel('Начало выплат').fill(kemerovoToday());
  await award.getByLabel('Номер приказа').fill('118-ст');
  await award.getByRole('button', { name: 'Назначить стипендию' }).click();
  await expect(award.locator('#f-amountPerMonth-error')).toContainText('Укажите размер стипендии');
  expect(await statusOf('stipend_awards', person.email)).toEqual([]);
  await award.getByLabel('Размер, ₽ в месяц').fill('15 000');
  await award.getByRole('button', { name: 'Назначить стипендию' }).click();
  await expect(employer.getByRole('status')).toContainText('Стипендия назначена');
  const employerCard = employer.getByTestId('stipend-award').filter({ hasText: person.fullName });
  await expect(employerCard).toContainText('Ждёт подтверждения вуза');
  expect(await statusOf('stipend_awards', person.email)).toEqual(['awaiting_university']);

  // The career centre confirms from its queue.
  const university = await demoPage(browser, 'university');
  await university.getByRole('link', { name: 'Стипендии студентов' }).click();
  await expect(university).toHaveURL('/university/stipends');
  const queue = university.getByRole('region', { name: /Ждут подтверждения/ });
  const queued = queue.getByTestId('stipend-award').filter({ hasText: person.fullName });
  await expect(queued).toContainText('15 000 ₽ в месяц, 10 месяцев');
  await expectNoAxeViolations(university);
  await queued.getByRole('button', { name: 'Подтвердить обучение' }).click();
  await expect(university.getByRole('status')).toContainText('Готово');
  await expect(
    university
      .getByRole('region', { name: /Все стипендии/ })
      .getByTestId('stipend-award')
      .filter({ hasText: person.fullName }),
  ).toContainText('Назначена');
  expect(await statusOf('stipend_awards', person.email)).toEqual(['active']);

  await student.getByRole('link', { name: 'Мои стипендии' }).click();
  await expect(student.getByTestId('stipend-award')).toContainText('Назначена');
  await expect(student.getByTestId('stipend-award')).toContainText('№ 118-ст');
  await expectNoAxeViolations(student);

  // A target-training agreement: the customer drafts it, then signs first with its number.
  await employer.goto('/employer/target-agreements');
  await expectNoAxeViolations(employer);
  const draft = employer.getByRole('region', { name: 'Новый договор' });
  await draft.getByLabel('Адрес электронной почты студента').fill(person.email);
  await draft.getByLabel('Срок отработки, лет').fill('2');
  await draft.getByRole('button', { name: 'Оформить договор' }).click();
  await expect(draft.locator('#f-workYears-error')).toContainText('от 3 до 10 лет');
  expect(await statusOf('target_agreements', person.email)).toEqual([]);
  await draft.getByLabel('Срок отработки, лет').fill('3');
  await draft.getByLabel('Заказчик предоставляет жильё').check();
  await draft.getByLabel('Практика проходит у заказчика').check();
  await draft.getByRole('button', { name: 'Оформить договор' }).click();
  await expect(employer.getByRole('status')).toContainText('Договор оформлен');
  const employerAgreement = employer.getByTestId('target-agreement').filter({ hasText: person.fullName });
  await employerAgreement.getByLabel('Номер договора').fill('ЦО-7/2026');
  await employerAgreement.getByLabel('Дата договора').fill(kemerovoToday());
  await employerAgreement.getByRole('button', { name: 'Подписать договор' }).click();
  await expect(employer.getByTestId('target-agreement').filter({ hasText: person.fullName })).toContainText(
    'Заказчик — подписал',
  );

  await student.goto('/student/target-agreements');
  const studentAgreement = student.getByTestId('target-agreement');
  await expect(studentAgreement).toContainText('№ ЦО-7/2026');
  await expectNoAxeViolations(student);
  await studentAgreement.getByRole('button', { name: 'Подписать договор' }).click();
  await expect(student.getByRole('status')).toContainText('Готово');
  expect(await statusOf('target_agreements', person.email)).toEqual(['awaiting_signatures']);

  await university.goto('/university/target-agreements');
  const uniAgreement = university.getByTestId('target-agreement').filter({ hasText: person.fullName });
  await expectNoAxeViolations(university);
  await uniAgreement.getByRole('button', { name: 'Подписать договор' }).click();
  await expect(
    university
      .getByRole('region', { name: /Остальные договоры/ })
      .getByTestId('target-agreement')
      .filter({ hasText: person.fullName }),
  ).toContainText('Действует');
  expect(await statusOf('target_agreements', person.email)).toEqual(['in_force']);

  // The printable summary, for any party.
  await student.goto('/student/target-agreements');
  await student.getByRole('link', { name: 'Печатная форма' }).click();
  await expect(student.getByRole('heading', { level: 1 })).toContainText('№ ЦО-7/2026');
  await expect(student.getByText('предоставление жилья')).toBeVisible();
  await expectNoAxeViolations(student);
  await student.emulateMedia({ media: 'print' });
  await expect(student.locator('header.site-header')).toBeHidden();
});

test('@phone the pages of stipends and target agreements have no horizontal scroll', async ({ page }) => {
  for (const [key, paths] of [
    ['university', ['/university/stipends', '/university/target-agreements']],
    ['employer', ['/employer/stipends', '/employer/target-agreements']],
  ] as const) {
    await page.context().clearCookies();
    await signInDemo(page, key);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  }
});
