import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signIn, signOut, type DemoKey } from './support/accounts.ts';
import { clearRateLimits } from './support/db.ts';

/** Each demo log-in, its home page and the heading that proves the right cabinet opened. */
const CASES: { key: DemoKey; heading: string | RegExp; who: string }[] = [
  { key: 'student', heading: 'Здравствуйте, Артём Козлов', who: 'Студент' },
  { key: 'graduate', heading: 'Здравствуйте, Екатерина Белова', who: 'Выпускник' },
  { key: 'employer', heading: 'АО «Кузбасский азотно-туковый комбинат»', who: 'Работодатель' },
  { key: 'employerPending', heading: 'ООО «Кемеровский завод полимерных труб»', who: 'Работодатель' },
  { key: 'university', heading: 'Кемеровский государственный университет', who: 'Сотрудник вуза' },
  { key: 'admin', heading: 'Кабинет администрации', who: 'Администрация города' },
];

// Demo people sign in in many specs of one run from one IP; start from clear counters.
test.beforeEach(async () => {
  await clearRateLimits();
});

for (const { key, heading, who } of CASES) {
  test(`demo log-in «${key}» lands on ${DEMO[key].home} and signs out`, async ({ page }) => {
    await signIn(page, DEMO[key].email, DEMO_PASSWORD);
    await expect(page).toHaveURL(DEMO[key].home);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByRole('banner')).toContainText(who);

    // /home sends a signed-in person to their own cabinet.
    await page.goto('/home');
    await expect(page).toHaveURL(DEMO[key].home);

    await signOut(page);
    // Signed out for real: a cabinet sends back to sign-in.
    await page.goto(DEMO[key].home);
    await expect(page).toHaveURL(/\/sign-in/);
  });
}

test('demo pending employer sees the «на проверке» state, the verified one the verified state', async ({
  page,
}) => {
  await signIn(page, DEMO.employerPending.email, DEMO_PASSWORD);
  await expect(page.getByTestId('verification-state')).toContainText('на проверке');
  await signOut(page);
  await signIn(page, DEMO.employer.email, DEMO_PASSWORD);
  await expect(page.getByTestId('verification-state')).toContainText('Организация проверена');
});

test('a wrong password is refused with a Russian message and no session', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Электронная почта', { exact: true }).fill(DEMO.student.email);
  await page.getByLabel('Пароль', { exact: true }).fill('не тот пароль');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный адрес электронной почты или пароль');
  await expect(page).toHaveURL('/sign-in');
  await page.goto('/student');
  await expect(page).toHaveURL(/\/sign-in/);
});
