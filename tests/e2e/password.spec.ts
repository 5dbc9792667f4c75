import { expect, test, type Page } from '@playwright/test';
import { newVerifiedStudent, signIn, signOut, strongPassword, uniqueEmail } from './support/accounts.ts';
import { clearRateLimits, testDb } from './support/db.ts';
import { followLinkInLetter, SUBJECTS } from './support/mailbox.ts';

// Each test signs up a fresh person and tries passwords, right and wrong, from one IP; the app's
// limits (src/lib/server/rate-limit.ts) would otherwise carry over from test to test.
test.beforeEach(async () => {
  await clearRateLimits();
});

async function expectRefusedSignIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Электронная почта', { exact: true }).fill(email);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный адрес электронной почты или пароль');
}

test('forgot password: the letter leads to a new password, weak ones refused first', async ({ page }) => {
  const student = await newVerifiedStudent(page, 'forgot');
  await signOut(page);

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Забыли пароль?' }).click();
  await expect(page).toHaveURL('/forgot-password');
  await page.getByLabel('Электронная почта', { exact: true }).fill(student.email);
  await page.getByRole('button', { name: 'Прислать ссылку' }).click();
  await expect(page.getByRole('status')).toHaveText(
    `Если адрес ${student.email} зарегистрирован, мы отправили на него ссылку для смены пароля. Она действует один час.`,
  );

  await followLinkInLetter(page, student.email, SUBJECTS.reset, /\/api\/auth\/reset-password\//);
  await expect(page).toHaveURL(/\/reset-password\?token=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Новый пароль');

  const setPassword = async (password: string, confirm = password) => {
    await page.getByLabel('Новый пароль', { exact: true }).fill(password);
    await page.getByLabel('Пароль ещё раз', { exact: true }).fill(confirm);
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
  };
  await setPassword('короткий');
  await expect(page.locator('#f-password-error')).toHaveText('Пароль должен быть не короче 10 символов');
  await setPassword('qwertyuiop');
  await expect(page.locator('#f-password-error')).toHaveText('Пароль слишком распространён: выберите другой');
  const newPassword = strongPassword();
  await setPassword(newPassword, `${newPassword}!`);
  await expect(page.locator('#f-passwordConfirm-error')).toHaveText('Пароли не совпадают');
  await setPassword(newPassword);
  await expect(page).toHaveURL('/sign-in?reset=1');
  await expect(page.getByRole('status')).toHaveText('Пароль изменён. Войдите с новым паролем.');

  await expectRefusedSignIn(page, student.email, student.password);
  await signIn(page, student.email, newPassword);
  await expect(page).toHaveURL('/student');
});

test('a reset link works once', async ({ page }) => {
  const student = await newVerifiedStudent(page, 'reset-once');
  await signOut(page);
  await page.goto('/forgot-password');
  await page.getByLabel('Электронная почта', { exact: true }).fill(student.email);
  await page.getByRole('button', { name: 'Прислать ссылку' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await followLinkInLetter(page, student.email, SUBJECTS.reset, /\/api\/auth\/reset-password\//);
  await expect(page).toHaveURL(/\/reset-password\?token=/);
  const resetUrl = page.url();
  const first = strongPassword();
  await page.getByLabel('Новый пароль', { exact: true }).fill(first);
  await page.getByLabel('Пароль ещё раз', { exact: true }).fill(first);
  await page.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(page).toHaveURL('/sign-in?reset=1');

  await page.goto(resetUrl);
  const second = `${strongPassword()}-2`;
  await page.getByLabel('Новый пароль', { exact: true }).fill(second);
  await page.getByLabel('Пароль ещё раз', { exact: true }).fill(second);
  await page.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(page.getByRole('alert')).toHaveText('Ссылка недействительна или устарела. Запросите новую.');
  await signIn(page, student.email, first);
  await expect(page).toHaveURL('/student');
});

test('forgot-password answers the same for an unknown address and sends nothing', async ({ page }) => {
  const email = uniqueEmail('nobody');
  await page.goto('/forgot-password');
  await page.getByLabel('Электронная почта', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Прислать ссылку' }).click();
  await expect(page.getByRole('status')).toContainText(`Если адрес ${email} зарегистрирован`);
  const { rows } = await testDb().query<{ n: number }>(
    'select count(*)::int as n from app_private.outbound_emails where lower(to_address) = lower($1)',
    [email],
  );
  expect(rows[0].n).toBe(0);
});

test('change password on /account', async ({ page }) => {
  const student = await newVerifiedStudent(page, 'change-pw');
  await page.getByRole('link', { name: 'Аккаунт' }).click();
  await expect(page).toHaveURL('/account');
  const form = page.getByRole('region', { name: 'Пароль', exact: true });
  const change = async (current: string, password: string, confirm = password) => {
    await form.getByLabel('Текущий пароль', { exact: true }).fill(current);
    await form.getByLabel('Новый пароль', { exact: true }).fill(password);
    await form.getByLabel('Новый пароль ещё раз', { exact: true }).fill(confirm);
    await form.getByRole('button', { name: 'Сменить пароль' }).click();
  };
  const newPassword = strongPassword();
  await change('неверный-текущий', newPassword);
  await expect(page.locator('#f-currentPassword-error')).toHaveText('Пароль введён неверно');
  await change(student.password, 'коротко');
  await expect(page.locator('#f-password-error')).toHaveText('Пароль должен быть не короче 10 символов');
  await change(student.password, 'qwertyuiop');
  await expect(page.locator('#f-password-error')).toHaveText('Пароль слишком распространён: выберите другой');
  await change(student.password, newPassword);
  await expect(form.getByRole('status')).toHaveText(
    'Пароль изменён. На других устройствах нужно будет войти заново.',
  );

  // This device stays signed in.
  await page.reload();
  await expect(page).toHaveURL('/account');
  await signOut(page);
  await expectRefusedSignIn(page, student.email, student.password);
  await signIn(page, student.email, newPassword);
  await expect(page).toHaveURL('/student');
});

test('change email on /account: confirmed from the new address, then signs in with it', async ({ page }) => {
  const student = await newVerifiedStudent(page, 'change-email');
  const newEmail = uniqueEmail('changed');
  await page.goto('/account');
  const form = page.getByRole('region', { name: 'Электронная почта', exact: true });
  await expect(form).toContainText(`Сейчас: ${student.email}`);

  await form.getByLabel('Новый адрес', { exact: true }).fill(student.email);
  await form.getByRole('button', { name: 'Сменить адрес' }).click();
  await expect(page.locator('#f-email-error')).toHaveText('Это ваш текущий адрес');
  await form.getByLabel('Новый адрес', { exact: true }).fill('не адрес');
  await form.getByRole('button', { name: 'Сменить адрес' }).click();
  await expect(page.locator('#f-email-error')).toHaveText('Адрес электронной почты указан неверно');

  await form.getByLabel('Новый адрес', { exact: true }).fill(newEmail);
  await form.getByRole('button', { name: 'Сменить адрес' }).click();
  await expect(form.getByRole('status')).toHaveText(
    `Мы отправили ссылку на ${newEmail}. Адрес сменится, когда вы перейдёте по ней.`,
  );
  // Nothing changes until the link is followed.
  await page.reload();
  await expect(form).toContainText(`Сейчас: ${student.email}`);

  const letter = await followLinkInLetter(
    page,
    newEmail,
    SUBJECTS.changeEmail,
    /\/api\/auth\/verify-email\?token=/,
  );
  expect(letter).toContain('callbackURL=');
  await expect(page).toHaveURL('/account?emailChanged=1');
  await expect(page.getByRole('status').first()).toHaveText('Новый адрес подтверждён.');
  await expect(form).toContainText(`Сейчас: ${newEmail}`);

  await signOut(page);
  await expectRefusedSignIn(page, student.email, student.password);
  await signIn(page, newEmail, student.password);
  await expect(page).toHaveURL('/student');
  // The profile follows the account's address.
  const { rows } = await testDb().query<{ email: string }>(
    `select p.email from public.profiles p join better_auth."user" u on u.id = p.id where u.email = $1`,
    [newEmail],
  );
  expect(rows).toEqual([{ email: newEmail }]);
});
