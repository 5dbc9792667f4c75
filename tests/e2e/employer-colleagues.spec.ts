import { quoted } from '../../src/lib/i18n/quotes.ts';
import { expect, test, type Page } from '@playwright/test';
import {
  DEMO,
  expectCheckEmail,
  signInDemo,
  strongPassword,
  uniqueEmail,
  verifyEmail,
} from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import {
  expectStatus,
  openInvitations,
  revokeInvitation,
  sendInvitation as sendInvitationOn,
} from './support/colleagues.ts';
import { clearRateLimits, organizationIdOf, testDb } from './support/db.ts';
import { followLinkInLetter, SUBJECTS } from './support/mailbox.ts';

// The demo employer signs in in every test; the whole run shares one IP and the sign-in limits.
test.beforeEach(async () => {
  await clearRateLimits();
});

async function demoOrganization(): Promise<{ id: string; name: string }> {
  const id = await organizationIdOf(DEMO.employer.email);
  const { rows } = await testDb().query<{ name: string }>(
    'select name from public.organizations where id = $1',
    [id],
  );
  return { id, name: rows[0].name };
}

const PAGE = '/employer/organization';
const sendInvitation = (page: Page, email: string) => sendInvitationOn(page, PAGE, email);

test("the verified employer invites a colleague, who joins and sees the employer's postings", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('hr-colleague');
  const fullName = 'Ирина Е2Е Приглашённая';
  const organization = await demoOrganization();

  const employerContext = await browser.newContext();
  const employer = await employerContext.newPage();
  await signInDemo(employer, 'employer');
  await employer.getByRole('link', { name: 'Данные организации' }).click();
  await expect(employer).toHaveURL('/employer/organization');
  await expect(employer.getByRole('region', { name: 'Коллеги', exact: true })).toContainText(
    'Наталья Викторовна Орлова',
  );
  await sendInvitation(employer, email);
  await expect(employer.getByRole('region', { name: 'Пригласить коллегу' }).getByRole('status')).toHaveText(
    `Приглашение отправлено на ${email}.`,
  );
  await expect(employer.getByRole('region', { name: 'Приглашения, ждущие ответа' })).toContainText(email);
  await employerContext.close();

  // The letter's link opens the same accept page as a university's invitation.
  const link = await followLinkInLetter(page, email, SUBJECTS.invitation, /\/invite\/[^/?#]+$/);
  await expect(page).toHaveURL(new URL(link).pathname);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Приглашение в ${quoted(organization.name)}`,
  );
  await page.getByLabel('Имя и фамилия', { exact: true }).fill(fullName);
  await page.getByLabel('Должность', { exact: true }).fill('Специалист по подбору персонала');
  await page.getByLabel('Пароль', { exact: true }).fill(strongPassword());
  await page.getByRole('checkbox', { name: /согласие на обработку/ }).check();
  await page.getByRole('button', { name: 'Принять приглашение' }).click();
  await expectCheckEmail(page, email);

  await verifyEmail(page, email);
  await expect(page).toHaveURL('/employer?verified=1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(organization.name);
  await expect(page.getByRole('banner')).toContainText('Работодатель');

  // The employer's postings, every one of them, are the colleague's to work on.
  const { rows } = await testDb().query<{ title: string }>(
    'select title from public.opportunities where organization_id = $1 order by updated_at desc',
    [organization.id],
  );
  expect(rows.length).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Мои публикации' }).click();
  await expect(page).toHaveURL('/employer/opportunities');
  await expect(page.getByTestId('opportunity-row')).toHaveCount(rows.length);
  await expect(page.getByTestId('opportunity-row').filter({ hasText: rows[0].title }).first()).toBeVisible();

  await page.goto('/employer/organization');
  await expect(page.getByRole('region', { name: 'Коллеги', exact: true })).toContainText(fullName);
  await expect(page.getByRole('region', { name: 'Коллеги', exact: true })).toContainText(
    'Наталья Викторовна Орлова',
  );
  await expect(page.getByRole('region', { name: 'Приглашения, ждущие ответа' })).not.toContainText(email);
  expect(await openInvitations(email)).toEqual([{ revoked: false, accepted: true }]);
});

for (const javaScript of [true, false]) {
  test(`${javaScript ? 'with' : 'without'} JavaScript: bad addresses are refused at the field, and an invitation is revoked`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await signInDemo(page, 'employer');
    await page.goto('/employer/organization', { waitUntil: 'networkidle' });
    const field = page.getByLabel('Электронная почта коллеги');
    const fieldError = page.locator('#f-email-error');

    // The organization's own form still saves, next to the colleague forms (a named action now).
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'сохранены' })).toHaveText(
      'Данные организации сохранены.',
    );

    const refusals: [string, number, string][] = [
      ['', 400, 'Укажите адрес электронной почты коллеги'],
      ['не-адрес', 400, 'Адрес электронной почты указан неверно'],
      [DEMO.employer.email, 409, 'Этот сотрудник уже состоит в организации'],
      [
        DEMO.student.email,
        409,
        'Этот адрес уже зарегистрирован на портале: пригласить можно только нового пользователя',
      ],
    ];
    for (const [email, status, message] of refusals) {
      await expectStatus(await sendInvitation(page, email), status, javaScript);
      await expect(fieldError).toHaveText(message);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveValue(email);
      expect(await openInvitations(email)).toEqual([]);
    }

    const email = uniqueEmail(javaScript ? 'revoke-js' : 'revoke-nojs');
    await sendInvitation(page, email);
    await expect(page.getByRole('region', { name: 'Пригласить коллегу' }).getByRole('status')).toHaveText(
      `Приглашение отправлено на ${email}.`,
    );
    // the same address again, while the first invitation waits
    await expectStatus(await sendInvitation(page, email), 409, javaScript);
    await expect(fieldError).toHaveText('Приглашение на этот адрес уже отправлено и ждёт ответа');
    expect(await openInvitations(email)).toEqual([{ revoked: false, accepted: false }]);

    await revokeInvitation(page, email);
    expect(await openInvitations(email)).toEqual([{ revoked: true, accepted: false }]);
    await context.close();
  });
}

test('an employer not verified yet is told it may invite after the verification', async ({ page }) => {
  await signInDemo(page, 'employerPending');
  await page.goto('/employer/organization');
  const section = page.getByRole('region', { name: 'Пригласить коллегу' });
  await expect(section.getByRole('status')).toHaveText(
    'Пригласить коллег можно после того, как администрация города проверит организацию.',
  );
  await expect(section.getByRole('button', { name: 'Отправить приглашение' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('axe: the organization page with colleagues, an open invitation and a refused address', async ({
  page,
}) => {
  await signInDemo(page, 'employer');
  await page.goto('/employer/organization', { waitUntil: 'networkidle' });
  await sendInvitation(page, uniqueEmail('axe'));
  await expect(page.getByRole('region', { name: 'Пригласить коллегу' }).getByRole('status')).toBeVisible();
  await expectNoAxeViolations(page);
  await sendInvitation(page, 'не-адрес');
  await expect(page.locator('#f-email-error')).toBeVisible();
  await expectNoAxeViolations(page);
});
