import { expect, test, type Browser } from '@playwright/test';
import {
  TRANSFER_CONSENT_VERSION,
  transferConsentText,
} from '../../src/lib/consents/transfer-to-employer.ts';
import {
  DEMO,
  DEMO_PASSWORD,
  expectCheckEmail,
  fillPersonSignUp,
  signIn,
  strongPassword,
  uniqueEmail,
  verifyEmail,
} from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits, testDb } from './support/db.ts';
import { followLetterLink, openLetter } from './support/mailbox.ts';
import { asPerson } from './support/rest.ts';

// A practice from the student's acceptance of an offer to «закрыта»: the university confirms the
// student and the placement by its order, the employer accepts and names a supervisor, the start
// date puts it in progress (the worker), the supervisor writes the characteristic through the
// emailed one-time link without an account, and the university closes it with its grade.

test.beforeEach(async () => {
  await clearRateLimits();
});

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function signedIn(
  browser: Browser,
  email: string,
  password: string,
  viewport?: { width: number; height: number },
) {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

test('from an accepted practice offer to closed, through the university, the employer and the supervisor’s link', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // A КемГУ student signs up (the demo career centre is КемГУ's).
  const fullName = `Практикантов Пётр ${Date.now().toString(36)}`;
  const student = { email: uniqueEmail('practice'), password: strongPassword() };
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/sign-up/person');
    await fillPersonSignUp(page, {
      role: 'student',
      fullName,
      ...student,
      university: 'КемГУ',
      programmeCode: '18.03.01',
      yearOfStudy: '3',
    });
    await expectCheckEmail(page, student.email);
    await verifyEmail(page, student.email);
    await context.close();
  }

  // The offer and its acceptance, through the same functions the pages call, with each JWT.
  const me = await asPerson(student.email);
  const hr = await asPerson(DEMO.employer.email);
  const { rows } = await testDb().query<{ id: string; name: string; inn: string }>(
    `select o.id, org.name, org.inn from public.opportunities o join public.organizations org on org.id = o.organization_id
      where o.title = 'Производственная практика в цехе аммиака' limit 1`,
  );
  await me.insert('resumes', {
    profile_id: me.id,
    headline: 'Студент-технолог',
    skills: [],
    desired_kinds: [],
  });
  const applied = (await me.rpc('apply_to_opportunity', {
    p_opportunity_id: rows[0].id,
    p_cover_letter: 'Прошу принять на практику.',
    p_consent_version: TRANSFER_CONSENT_VERSION,
    p_consent_text: transferConsentText({
      applicantName: 'Студент практики',
      employerName: rows[0].name,
      employerInn: rows[0].inn,
      postingTitle: 'Практика',
    }),
  })) as Array<{ application_id: string }>;
  const applicationId = applied[0].application_id;
  await hr.rpc('mark_application_viewed', { p_id: applicationId });
  await hr.rpc('make_offer', {
    p_id: applicationId,
    p_terms: { start_date: today(), end_date: inDays(20) },
    p_answer_by: inDays(3),
  });
  const placementId = (await me.rpc('accept_offer', { p_id: applicationId })) as string;
  const status = async () =>
    (
      await testDb().query<{ status: string }>(
        'select status from public.practice_placements where id = $1',
        [placementId],
      )
    ).rows[0].status;
  expect(await status()).toBe('awaiting_university');

  // The university: the student is not confirmed yet, so the placement cannot be.
  const uni = await signedIn(browser, DEMO.university.email, DEMO_PASSWORD);
  await uni.page.goto(`/university/practices/${placementId}`);
  await expect(uni.page.getByRole('heading', { level: 1 })).toHaveText(`Практика: ${fullName}`);
  await uni.page.getByLabel('Номер приказа').fill('412-с');
  await uni.page.getByLabel('Дата приказа').fill(today());
  await uni.page.getByRole('button', { name: 'Подтвердить практику' }).click();
  await expect(uni.page.getByRole('alert')).toContainText('сначала подтвердите, что студент учится', {
    ignoreCase: true,
  });
  expect(await status()).toBe('awaiting_university');

  await uni.page.goto('/university/students');
  const row = uni.page.getByRole('row').filter({ hasText: fullName });
  await expect(row).toContainText('не подтверждён вузом');
  await expectNoAxeViolations(uni.page);
  await row.getByRole('button', { name: `Подтвердить: ${fullName}` }).click();
  await expect(uni.page.getByRole('status')).toContainText('Изменено: 1.');
  await expect(uni.page.getByRole('row').filter({ hasText: fullName })).toContainText('подтверждён');

  await uni.page.goto('/university/practices');
  await expectNoAxeViolations(uni.page);
  await uni.page
    .getByRole('region', { name: /Ждут вуза/ })
    .getByRole('link', { name: fullName })
    .click();
  // the page the link opens, hydrated, before typing (a fill during hydration can be lost)
  await expect(uni.page).toHaveURL(new RegExp(`/university/practices/${placementId}$`));
  await uni.page.waitForLoadState('networkidle');
  await uni.page.getByLabel('Номер приказа').fill('412-с');
  await uni.page.getByLabel('Дата приказа').fill(today());
  await uni.page.getByLabel('Руководитель практики от вуза').fill('доц. Иванова И. И.');
  await expect(uni.page.getByLabel('Номер приказа')).toHaveValue('412-с');
  await uni.page.getByRole('button', { name: 'Подтвердить практику' }).click();
  await expect(uni.page.getByRole('status')).toContainText('Практика подтверждена приказом');
  await expect(uni.page.locator('.facts')).toContainText('№ 412-с');
  await expectNoAxeViolations(uni.page);
  expect(await status()).toBe('confirmed');

  // The employer accepts and names the supervisor.
  const supervisorEmail = uniqueEmail('supervisor');
  const emp = await signedIn(browser, DEMO.employer.email, DEMO_PASSWORD);
  await emp.page.goto('/employer/practices');
  await expectNoAxeViolations(emp.page);
  await emp.page
    .getByRole('region', { name: /Ждут вашего решения/ })
    .getByRole('link', { name: fullName })
    .click();
  await emp.page.getByLabel('Электронная почта руководителя').fill('не-адрес@');
  await emp.page.getByLabel('ФИО руководителя практики').fill('Сергеев Сергей Сергеевич');
  await emp.page.getByLabel('Должность руководителя').fill('Начальник цеха аммиака');
  await emp.page.getByLabel('Электронная почта руководителя').fill(supervisorEmail);
  await emp.page.getByRole('button', { name: 'Принять на практику' }).click();
  await expect(emp.page.getByRole('status')).toContainText('Студент принят на практику');
  await expectNoAxeViolations(emp.page);

  // The start date is today: the worker puts it in progress and emails the supervisor.
  await expect.poll(status, { timeout: 30_000 }).toBe('in_progress');
  const supervisor = await browser.newContext();
  const letter = await supervisor.newPage();
  await openLetter(letter, supervisorEmail, `Характеристика практиканта ${fullName} — КемероVоПРОФИ`);
  const link = await followLetterLink(letter, /\/practice-supervisor\/[0-9a-f]{48}$/);
  await expect(letter.getByRole('heading', { level: 1 })).toHaveText('Характеристика практиканта');
  await expect(letter.locator('dl')).toContainText(fullName);
  await expectNoAxeViolations(letter);
  await letter.getByLabel('Характеристика').fill('Коротко');
  await letter.getByLabel('Оценка за практику').selectOption('5');
  await letter.getByRole('button', { name: 'Отправить характеристику' }).click();
  await expect(letter.locator('#f-characteristic-error')).toContainText('не короче 20 знаков');
  expect(await status()).toBe('in_progress');
  await letter
    .getByLabel('Характеристика')
    .fill('Пётр внимательно изучил технологическую схему цеха, аккуратно вёл журнал, работал с наставником.');
  await letter.getByLabel('Оценка за практику').selectOption('5');
  await letter.getByRole('button', { name: 'Отправить характеристику' }).click();
  await expect(letter.getByRole('status')).toContainText('Характеристика и оценка отправлены в вуз');
  expect(await status()).toBe('completed');
  // the same link again: a clear page, nothing changed
  await letter.goto(link);
  await expect(letter.getByRole('status')).toContainText('характеристика уже отправлена');
  await expect(letter.getByRole('button', { name: 'Отправить характеристику' })).toHaveCount(0);
  await supervisor.close();

  // The university closes it with its grade.
  await uni.page.goto(`/university/practices/${placementId}`);
  await expect(uni.page.locator('.facts')).toContainText('внимательно изучил технологическую схему');
  await uni.page.getByLabel('Оценка за практику').selectOption('5');
  await uni.page.getByRole('button', { name: 'Закрыть практику' }).click();
  await expect(uni.page.getByRole('status')).toContainText('Практика закрыта');
  expect(await status()).toBe('closed');
  await uni.page.goto(`/practices/${placementId}/direction`);
  await expect(uni.page.getByRole('heading', { level: 1 })).toHaveText('Направление на практику');
  await expect(uni.page.locator('.print-sheet')).toContainText('приказ № 412-с');
  await expectNoAxeViolations(uni.page);
  await uni.context.close();
  await emp.context.close();

  // The student, on a phone: their practice, closed, and the printable направление.
  const phone = await signedIn(browser, student.email, student.password, { width: 390, height: 844 });
  await phone.page.goto('/student/practices');
  await phone.page.getByRole('link', { name: fullName }).click();
  await expect(phone.page.getByText('закрыта', { exact: true }).first()).toBeVisible();
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(phone.page);
  await phone.context.close();
});
