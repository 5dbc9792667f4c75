import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signInDemo, type DemoKey } from './support/accounts.ts';
import { clearRateLimits } from './support/db.ts';
import { expectNoAxeViolations } from './support/axe.ts';

// Every signed-in check below signs a demo person in; other specs try wrong passwords for the same
// people from the same IP (src/lib/server/rate-limit.ts): start from clear counters.
test.beforeEach(async () => {
  await clearRateLimits();
});

const PUBLIC_PAGES: { path: string; heading: string | RegExp }[] = [
  { path: '/', heading: 'Стажировки, практики и первая работа — в Кемерове' },
  { path: '/sign-in', heading: 'Вход' },
  { path: '/sign-up', heading: 'Регистрация' },
  { path: '/sign-up/person', heading: 'Регистрация студента или выпускника' },
  { path: '/sign-up/employer', heading: 'Регистрация работодателя' },
  { path: '/forgot-password', heading: 'Восстановление пароля' },
  { path: '/dev/mailbox', heading: 'Почтовый ящик разработчика' },
];

for (const { path, heading } of PUBLIC_PAGES) {
  test(`axe: ${path} has no violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectNoAxeViolations(page);
  });
}

test('axe: a sign-up form showing its errors has no violations', async ({ page }) => {
  await page.goto('/sign-up/employer');
  await page.getByRole('button', { name: 'Зарегистрировать организацию' }).click();
  await expect(page.locator('#f-inn-error')).toBeVisible();
  await expectNoAxeViolations(page);
});

const SIGNED_IN_PAGES: { who: DemoKey; path: string; heading: string | RegExp }[] = [
  { who: 'student', path: '/student', heading: 'Здравствуйте, Артём Козлов' },
  { who: 'graduate', path: '/student', heading: 'Здравствуйте, Екатерина Белова' },
  { who: 'employer', path: '/employer', heading: 'АО «Кузбасский азотно-туковый комбинат»' },
  { who: 'employerPending', path: '/employer', heading: 'ООО «Кемеровский завод полимерных труб»' },
  { who: 'university', path: '/university', heading: 'Кемеровский государственный университет' },
  { who: 'admin', path: '/admin', heading: 'Кабинет администрации' },
  { who: 'student', path: '/profile', heading: 'Профиль' },
  { who: 'employer', path: '/profile', heading: 'Профиль' },
  { who: 'student', path: '/account', heading: 'Аккаунт' },
  { who: 'admin', path: '/admin/employers', heading: 'Работодатели' },
  { who: 'admin', path: '/admin/universities', heading: 'Вузы' },
];

for (const { who, path, heading } of SIGNED_IN_PAGES) {
  test(`axe: ${path} signed in as ${who} has no violations`, async ({ page }) => {
    await signInDemo(page, who);
    await page.goto(path);
    await expect(page).toHaveURL(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectNoAxeViolations(page);
  });
}

test('keyboard: the skip link is the first Tab stop and moves to the content', async ({ page }) => {
  await page.goto('/sign-in');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Перейти к содержимому' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/sign-in#main');
});

test('keyboard: the sign-in form is completed with Tab and Enter only', async ({ page }) => {
  await page.goto('/sign-in');
  const email = page.getByLabel('Электронная почта', { exact: true });
  // Tab through the header to the first field of the form; a few stops at most.
  for (let stops = 0; stops < 15 && !(await email.evaluate((el) => el === document.activeElement)); stops++) {
    await page.keyboard.press('Tab');
  }
  await expect(email).toBeFocused();
  await page.keyboard.type(DEMO.university.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Пароль', { exact: true })).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(DEMO.university.home);
});

test('keyboard: a refused sign-in puts the message where a screen reader hears it', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Электронная почта', { exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-email-error')).toHaveText('Укажите адрес электронной почты');
  await expect(page.getByLabel('Электронная почта', { exact: true })).toHaveAttribute(
    'aria-describedby',
    'f-email-error',
  );
});

const PHONE_PAGES = ['/', '/sign-in', '/sign-up', '/sign-up/person', '/sign-up/employer', '/forgot-password'];

for (const path of PHONE_PAGES) {
  test(`@phone ${path} has no horizontal scroll`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  });
}

test('@phone a sign-up form with errors has no horizontal scroll', async ({ page }) => {
  await page.goto('/sign-up/employer');
  await page.getByRole('button', { name: 'Зарегистрировать организацию' }).click();
  await expect(page.locator('#f-inn-error')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('@phone a signed-in cabinet has no horizontal scroll', async ({ page }) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/universities');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
