import { expect, test, type Page } from '@playwright/test';
import { DEMO, signInDemo, signOut } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits, organizationIdOf, testDb } from './support/db.ts';

// Issue 8 items 2 and 5: a contract proposed by the demo employer and confirmed by the demo career
// centre shows on both public pages; an event is created, the demo student registers, attendance is
// recorded. The contract part runs without JavaScript (plain forms).

test.beforeEach(async () => {
  await clearRateLimits();
});

const kemerovoDate = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Novokuznetsk' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

async function selectOptionContaining(page: Page, label: string, text: string) {
  const select = page.getByLabel(label, { exact: true });
  const option = (await select.locator('option', { hasText: text }).first().textContent())!;
  await select.selectOption({ label: option });
}

test('without JavaScript: a contract proposed by the employer and confirmed by the university appears on both public pages', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const number = `E2E-${Date.now().toString(36)}`;

  await signInDemo(page, 'employer');
  await page.goto('/employer/contracts');
  // bad input first: named fields, nothing written
  await page.getByRole('button', { name: 'Предложить договор' }).click();
  await expect(page.locator('#f-partnerId-error')).toHaveText('Выберите вторую сторону договора');
  await expect(page.locator('#f-number-error')).toHaveText('Укажите номер договора');
  expect(await page.getByTestId('contract').filter({ hasText: number }).count()).toBe(0);

  await selectOptionContaining(page, 'Вуз', 'КемГУ');
  await page.getByLabel('Вид договора', { exact: true }).selectOption({ label: 'О практической подготовке' });
  await page.getByLabel('Номер договора', { exact: true }).fill(number);
  await page.getByLabel('Дата подписания', { exact: true }).fill(kemerovoDate(-30));
  await page.getByLabel('Действует с', { exact: true }).fill(kemerovoDate(-30));
  await page.getByLabel('Действует по', { exact: true }).fill(kemerovoDate(700));
  await page.getByLabel('Направление 1', { exact: true }).fill('18.03.01');
  await page.getByLabel('Мест в год', { exact: true }).fill('10');
  await page.getByRole('button', { name: 'Предложить договор' }).click();
  await expect(page.getByRole('status').first()).toContainText('Договор предложен');
  const card = page.getByTestId('contract').filter({ hasText: number });
  await expect(card).toContainText('Ждёт подтверждения');
  await signOut(page);

  await signInDemo(page, 'university');
  await page.goto('/university/contracts');
  await expect(page.getByRole('status').filter({ hasText: 'Ждут вашего подтверждения' })).toBeVisible();
  await page.getByRole('button', { name: `Подтвердить договор № ${number}` }).click();
  await expect(page.getByRole('status').first()).toContainText('Договор подтверждён');
  await expect(page.getByTestId('contract').filter({ hasText: number })).toContainText('Действует');
  await signOut(page);

  const employerId = await organizationIdOf(DEMO.employer.email);
  await page.goto(`/employers/${employerId}`);
  const partners = page.getByRole('region', { name: 'Вузы-партнёры' });
  await expect(partners).toContainText('КемГУ');
  await partners.getByRole('link', { name: 'КемГУ' }).first().click();
  await expect(page).toHaveURL(/\/universities\/[0-9a-f-]{36}$/);
  const employerName = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  expect(employerName).toContain('Кемеровский государственный университет');
  await expect(page.getByRole('region', { name: 'Предприятия-партнёры' })).toContainText('18.03.01');
  await context.close();
});

test('an event created by the employer, the demo student registers, the organizer records attendance', async ({
  page,
}) => {
  const title = `Экскурсия E2E ${Date.now().toString(36)}`;
  await signInDemo(page, 'employer');
  await page.goto('/events/new');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Создать мероприятие' }).click();
  await expect(page.locator('#f-title-error')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Вид', { exact: true }).selectOption({ label: 'Экскурсия на предприятие' });
  await page.getByLabel('Название', { exact: true }).fill(title);
  await page.getByLabel('Начало', { exact: true }).fill(`${kemerovoDate(5)}T10:00`);
  await page.getByLabel('Окончание', { exact: true }).fill(`${kemerovoDate(5)}T12:00`);
  await page.getByLabel('Место проведения', { exact: true }).fill('г. Кемерово, ул. Грузовая, 1');
  await page.getByLabel('Для кого', { exact: true }).selectOption({ label: 'Все' });
  await page.getByLabel('Мест', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Создать мероприятие' }).click();
  await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}\?created=1$/);
  const eventUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await signOut(page);

  await page.goto('/events');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expectNoAxeViolations(page);
  const ics = await page.request.get(`${eventUrl}/event.ics`);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  // long lines are folded (RFC 5545 §3.1): unfold before reading
  expect((await ics.text()).replace(/\r\n /g, '')).toContain(`SUMMARY:Экскурсия на предприятие: ${title}`);
  const feed = await page.request.get('/events/feed.ics');
  expect((await feed.text()).replace(/\r\n /g, '')).toContain(title);

  await signInDemo(page, 'student');
  await page.goto(eventUrl);
  await page.getByRole('button', { name: 'Записаться' }).click();
  await expect(page.getByRole('status').first()).toContainText('Вы записаны');
  await expect(page.getByTestId('places')).toContainText('свободно 0 из 1');
  await expectNoAxeViolations(page);
  await signOut(page);

  // The event has started: time is moved behind the app, since nothing can wait for it.
  await testDb().query(
    `update public.events set starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour'
      where id = $1`,
    [eventUrl.split('/').pop()],
  );
  await signInDemo(page, 'employer');
  await page.goto(eventUrl);
  const organizer = page.getByTestId('organizer');
  await organizer.getByRole('checkbox', { name: 'Артём Козлов' }).check();
  await expectNoAxeViolations(page);
  await organizer.getByRole('button', { name: 'Записать посещаемость' }).click();
  await expect(page.getByRole('status').first()).toContainText('Посещаемость записана');
  await expect(page.locator('header .badge').filter({ hasText: 'Проведено' })).toBeVisible();
  const { rows } = await testDb().query<{ attended: boolean }>(
    `select r.attended from public.event_registrations r join public.profiles p on p.id = r.person_id
      where r.event_id = $1 and p.email = $2`,
    [eventUrl.split('/').pop(), DEMO.student.email],
  );
  expect(rows).toEqual([{ attended: true }]);
});

test('axe: the contract pages of each party, with refused input, and the public pages', async ({ page }) => {
  await signInDemo(page, 'employer');
  await page.goto('/employer/contracts');
  await expect(page.getByTestId('contract').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Предложить договор' }).click();
  await expect(page.locator('#f-partnerId-error')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/employers/${await organizationIdOf(DEMO.employer.email)}`);
  await expect(page.getByRole('region', { name: 'Вузы-партнёры' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('region', { name: 'Вузы-партнёры' }).getByRole('link').first().click();
  await expect(page.getByRole('region', { name: 'Предприятия-партнёры' })).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);
  await signInDemo(page, 'university');
  await page.goto('/university/contracts');
  await expectNoAxeViolations(page);
});

test('axe: the administration registers contracts', async ({ page }) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/contracts');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Договоры вузов и работодателей');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Зарегистрировать договор' }).click();
  await expect(page.locator('#f-employerId-error')).toHaveText('Выберите работодателя');
  await expectNoAxeViolations(page);
});

for (const [who, path] of [
  ['employer', '/employer/contracts'],
  ['university', '/university/contracts'],
  [null, '/events'],
] as const) {
  test(`@phone ${path} has no horizontal scroll`, async ({ page }) => {
    if (who) await signInDemo(page, who);
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}
