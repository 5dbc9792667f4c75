import { quoted } from '../../src/lib/i18n/quotes.ts';
import { expect, test } from '@playwright/test';
import {
  expectCheckEmail,
  signInDemo,
  strongPassword,
  uniqueEmail,
  verifyEmail,
} from './support/accounts.ts';
import { clearRateLimits, testDb } from './support/db.ts';
import { followLinkInLetter, letterText, openLetter, SUBJECTS } from './support/mailbox.ts';

const UNIVERSITY = 'Кемеровский государственный медицинский университет';

// The demo admin signs in in several specs of one run: start from clear sign-in/sign-up counters.
test.beforeEach(async () => {
  await clearRateLimits();
});

test('the administration invites a university staff member, who joins and lands on /university', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('staff');
  const fullName = 'Светлана Е2Е Приглашённая';

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInDemo(admin, 'admin');
  await admin.getByRole('link', { name: 'Вузы' }).click();
  await expect(admin).toHaveURL('/admin/universities');
  const inviteForm = admin.getByRole('region', { name: 'Пригласить сотрудника вуза' });
  await inviteForm.getByLabel('Вуз', { exact: true }).selectOption({ label: 'КемГМУ' });
  await inviteForm.getByLabel('Электронная почта сотрудника').fill(email);
  await inviteForm.getByRole('button', { name: 'Отправить приглашение' }).click();
  await expect(inviteForm.getByRole('status')).toHaveText(
    `Приглашение в ${quoted(UNIVERSITY)} отправлено на ${email}.`,
  );
  await expect(admin.getByRole('row', { name: /КемГМУ/ })).toContainText(email);
  await adminContext.close();

  const link = await followLinkInLetter(page, email, SUBJECTS.invitation, /\/invite\/[^/?#]+$/);
  await expect(page).toHaveURL(new URL(link).pathname);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Приглашение в ${quoted(UNIVERSITY)}`);
  await expect(page.getByRole('main')).toContainText(email);

  // The form refuses what it must, in Russian, before it accepts.
  await page.getByLabel('Пароль', { exact: true }).fill('qwertyuiop');
  await page.getByRole('button', { name: 'Принять приглашение' }).click();
  await expect(page.locator('#f-fullName-error')).toHaveText('Укажите имя и фамилию');
  await expect(page.locator('#f-consent-error')).toHaveText(
    'Нужно согласие на обработку персональных данных',
  );

  await page.getByLabel('Имя и фамилия', { exact: true }).fill(fullName);
  await page.getByLabel('Должность', { exact: true }).fill('Специалист центра карьеры');
  await page.getByLabel('Пароль', { exact: true }).fill(strongPassword());
  await page.getByRole('checkbox', { name: /согласие на обработку/ }).check();
  await page.getByRole('button', { name: 'Принять приглашение' }).click();
  await expectCheckEmail(page, email);

  await verifyEmail(page, email);
  await expect(page).toHaveURL('/university?verified=1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(UNIVERSITY);
  await expect(page.getByRole('region', { name: 'Коллеги', exact: true })).toContainText(fullName);
  await expect(page.getByRole('banner')).toContainText('Сотрудник вуза');

  const { rows } = await testDb().query<{ role: string; accepted: boolean }>(
    `select p.role, i.accepted_at is not null as accepted
       from public.profiles p join public.invitations i on lower(i.email) = lower(p.email)
      where p.email = $1`,
    [email],
  );
  expect(rows).toEqual([{ role: 'university_staff', accepted: true }]);

  // The link works once: afterwards it says so instead of offering the form again.
  const anonymous = await browser.newContext();
  const again = await anonymous.newPage();
  await again.goto(link);
  await expect(again.getByRole('alert')).toHaveText('Приглашение уже принято. Войдите со своим адресом.');
  await expect(again.getByRole('button', { name: 'Принять приглашение' })).toHaveCount(0);
  await anonymous.close();
});

test('an invitation letter names the university and the inviter', async ({ page }) => {
  const email = uniqueEmail('staff-letter');
  await signInDemo(page, 'admin');
  await page.goto('/admin/universities');
  const inviteForm = page.getByRole('region', { name: 'Пригласить сотрудника вуза' });
  await inviteForm.getByLabel('Вуз', { exact: true }).selectOption({ label: 'КемГУ' });
  await inviteForm.getByLabel('Электронная почта сотрудника').fill(email);
  await inviteForm.getByRole('button', { name: 'Отправить приглашение' }).click();
  await expect(inviteForm.getByRole('status')).toContainText(email);
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL('/');

  await openLetter(page, email, SUBJECTS.invitation);
  const text = await letterText(page);
  expect(text).toContain(
    'Ольга Сергеевна Миронова приглашает вас присоединиться к организации «Кемеровский государственный университет»',
  );
  expect(text).toContain('(время кемеровское)');
});

test('a forged invitation link is a Russian 404', async ({ page }) => {
  const response = await page.goto('/invite/not-a-real-token');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('main')).toContainText('Приглашение не найдено');
});
