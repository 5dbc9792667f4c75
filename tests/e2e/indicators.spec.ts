import { expect, test, type Page } from '@playwright/test';
import { seedDemoIndicators } from '../../scripts/lib/seed-indicators.ts';
import { signInDemo } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits, testDb } from './support/db.ts';

/**
 * The administration's indicators in Chromium (issue 9 items 1, 3, 7): the dashboard of the
 * passport's programme with plans, facts and the 30-hire chart, the drill-down from a number to the
 * records behind it, the plans form refusing a negative value, and the public results page.
 *
 * The demo records behind the numbers come from scripts/lib/seed-indicators.ts, which `npm start`
 * runs with the rest of the demo seed; it is idempotent, so running it here changes nothing when the
 * launcher already did and makes the test independent of the seed's order.
 *
 * Demo figures (worked out from seed-indicators.ts): 15 graduates hired by 31.08.2025 (4 in 2023,
 * 10 by the end of 2024, one of them hired twice); practices 4 / 5 / 3; stipends 3 / 4 / 3; target
 * agreements 2 / 2 / 1; contracts in force 4 / 5 / 4; meetings with 11th-graders 5 / 8 / 7; students
 * informed 1 100 of 25 300 (4,3 %), 1 901 of 25 050 (7,6 %), 2 101 of 24 900 (8,4 %).
 */

test.beforeAll(async () => {
  await seedDemoIndicators(() => {}, testDb());
});

test.beforeEach(async () => {
  await clearRateLimits();
});

const card = (page: Page, code: string) => page.locator(`[data-indicator="${code}"]`);

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the administration sees every indicator with plan and fact, the 30-hire goal and its chart', async ({
  page,
}) => {
  await signInDemo(page, 'admin');
  await page.getByRole('link', { name: 'Показатели' }).first().click();
  await expect(page).toHaveURL('/admin/indicators');
  await expect(page.getByRole('heading', { level: 1, name: 'Показатели проекта' })).toBeVisible();

  await expect(page.getByTestId('hires-count')).toHaveText('27');
  await expect(page.getByText('из 30 к 31.08.2025')).toBeVisible();
  const chart = page.getByRole('img', { name: /цель — 30 к 31\.08\.2025, сейчас 27/ });
  await expect(chart.locator('svg path.line')).toHaveCount(1);
  await expect(chart.locator('svg .goal')).toHaveCount(1);
  // the same numbers as a table
  await page.getByText('Те же числа таблицей').click();
  const months = page.locator('#hires-table');
  await expect(months.getByRole('row', { name: '12.2024 22' })).toBeVisible();
  await expect(months.getByRole('row', { name: '08.2025 27' })).toBeVisible();

  await expect(page.locator('[data-indicator]')).toHaveCount(8);
  const practices = card(page, 'organized_practices');
  await expect(
    practices.getByRole('row', { name: '2023 600 4 (записи) 0,7 % план не выполнен' }),
  ).toBeVisible();
  await expect(practices.getByText('Базовое значение: 578', { exact: false })).toBeVisible();
  const hires = card(page, 'graduates_hired');
  await expect(
    hires.getByRole('row', { name: '2025 30 27 (записи) (+5 за год) 90 % план не выполнен' }),
  ).toBeVisible();
  await expect(
    card(page, 'employer_stipend_students').getByRole('row', { name: /^2024 50 4 \(записи\)/ }),
  ).toBeVisible();
  await expect(
    card(page, 'student_employer_agreements').getByRole('row', { name: /^2023 3 2 \(записи\)/ }),
  ).toBeVisible();
  const contracts = card(page, 'employer_university_contracts');
  await expect(
    contracts.getByRole('row', { name: '2023 20 4 (записи) 20 % план не выполнен' }),
  ).toBeVisible();
  await expect(contracts.getByRole('row', { name: /^2024 22 5 \(записи\)/ })).toBeVisible();
  await expect(
    card(page, 'employer_meetings_grade11').getByRole('row', {
      name: '2024 8 8 (записи) 100 % план выполнен',
    }),
  ).toBeVisible();
  const informed = card(page, 'students_informed_pct');
  await expect(informed.getByRole('row', { name: /^2023 90 4,3 \(записи\)/ })).toContainText(
    'на платформе 1 100 чел., по ведомостям 0, студентов вузов 25 300',
  );
  await expect(informed.getByRole('row', { name: /^2025 100 8,4 \(записи\)/ })).toBeVisible();
  await expect(page.getByText(/Факт пока не считается/)).toHaveCount(0);
  // the vacancy bank's demo snapshot of 19.01.2023 makes the reduction % of 2023, with both numbers
  await expect(
    card(page, 'vacancy_reduction_pct')
      .getByText(/÷ 10\s728 вакансий/)
      .first(),
  ).toBeVisible();
  await practices.getByText('Как считается').click();
  await expect(practices.getByText(/подтверждённые вузом/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a number leads to the records behind it, which can be filtered', async ({ page }) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/indicators');
  await card(page, 'graduates_hired')
    .getByRole('row', { name: /^2024 / })
    .getByRole('link', { name: '22 (записи)' })
    .click();
  await expect(page).toHaveURL(/\/admin\/indicators\/graduates_hired\?period=[0-9a-f-]+&year=2024$/);
  await expect(page.getByTestId('records-summary')).toContainText('2024: 22');
  const rows = page.locator('table.records tbody tr');
  await expect(rows).toHaveCount(22);
  await expect(rows.filter({ hasText: 'Анастасия Игоревна Воронцова' })).toContainText(
    'АО «Кузбасский азотно-туковый комбинат»',
  );
  await expect(rows.filter({ hasText: 'Анастасия Игоревна Воронцова' })).toContainText(
    'Приказ № 140-к от 30.06.2023',
  );
  await expect(rows.filter({ hasText: 'Анастасия Игоревна Воронцова' })).toContainText('платформа');
  await expectNoAxeViolations(page);

  await page.getByLabel('Человек или работодатель').fill('Воронцова');
  await page.getByRole('button', { name: 'Применить' }).click();
  await expect(page).toHaveURL(/q=%D0%92/);
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Человек или работодатель').fill('');
  await page.getByLabel('Вуз').selectOption('КемГМУ');
  await page.getByRole('button', { name: 'Применить' }).click();
  await expect(page).toHaveURL(/university=/);
  await expect(rows.first()).toContainText('КемГМУ');

  // another indicator, another year, from the year links
  await page.goto('/admin/indicators');
  await card(page, 'organized_practices')
    .getByRole('row', { name: /^2025 / })
    .getByRole('link', { name: '3 (записи)' })
    .click();
  await expect(page.locator('table.records tbody tr')).toHaveCount(3);
  await expect(page.getByRole('link', { name: '2023' })).toBeVisible();
  await page.getByRole('link', { name: '2023' }).click();
  await expect(page.locator('table.records tbody tr')).toHaveCount(4);
});

test('the contracts indicator leads to the demo contracts, meetings to the meetings', async ({ page }) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/indicators');
  await card(page, 'employer_university_contracts')
    .getByRole('row', { name: /^2023 / })
    .getByRole('link', { name: '4 (записи)' })
    .click();
  await expect(page).toHaveURL(
    /\/admin\/indicators\/employer_university_contracts\?period=[0-9a-f-]+&year=2023$/,
  );
  await expect(page.getByTestId('records-summary')).toContainText('2023: 4 учтено · записей: 4');
  const rows = page.locator('table.records tbody tr');
  await expect(rows).toHaveCount(4);
  const demo = rows.filter({ hasText: 'ПП-2021/07' });
  await expect(demo).toContainText('Договор о практической подготовке № ПП-2021/07 от 22.08.2021');
  await expect(demo).toContainText('АО «Кузбасский азотно-туковый комбинат»');
  await expect(demo).toContainText('КузГТУ');
  await expect(demo).toContainText('01.09.2021 – 31.08.2027');
  await expect(demo).toContainText('платформа');
  await expect(rows.filter({ hasText: 'ЦО-2023/11' })).toContainText('расторгнут');
  await expectNoAxeViolations(page);
  // a terminated contract counts only while it was in force
  await page.getByRole('link', { name: '2025' }).click();
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: 'ЦО-2023/11' })).toHaveCount(0);

  await page.goto('/admin/indicators');
  await card(page, 'employer_meetings_grade11')
    .getByRole('row', { name: /^2023 / })
    .getByRole('link', { name: '5 (записи)' })
    .click();
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText('пришли: школьников 24, студентов 0');
});

test('the administration enters a student number: a bad value is refused at its field, a good one saved', async ({
  page,
}) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/indicators');
  await page.getByRole('link', { name: 'Численность студентов вузов' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Численность студентов вузов' })).toBeVisible();
  const table = page.getByTestId('student-numbers');
  await expect(table.getByRole('row', { name: /^КузГТУ/ })).toContainText('11 200');
  const kemgu = (
    await testDb().query<{ id: string }>(`select id from public.organizations where short_name = 'КемГУ'`)
  ).rows[0].id;
  const stored = async () =>
    (
      await testDb().query<{ students: number }>(
        `select students from public.university_student_numbers where university_id = $1 and year = 2022`,
        [kemgu],
      )
    ).rows.map((r) => r.students);
  await testDb().query(
    `delete from public.university_student_numbers where university_id = $1 and year = 2022`,
    [kemgu],
  );

  await page.getByLabel('Вуз').selectOption({ label: 'КемГУ' });
  await page.getByLabel('Год').fill('2022');
  await page.getByLabel('Численность студентов').fill('0');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Численность должна быть больше нуля')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('ничего не сохранено');
  await expect(page.getByLabel('Численность студентов')).toHaveAttribute('aria-invalid', 'true');
  expect(await stored()).toEqual([]);
  await expectNoAxeViolations(page);

  await page.getByLabel('Численность студентов').fill('9 900');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('status')).toContainText('Сохранено: КемГУ, 2022 год — 9 900 студентов.');
  expect(await stored()).toEqual([9900]);
});

test('a plain form post of a bad student number answers 400 with the field message, nothing written', async ({
  page,
}) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/indicators/student-numbers');
  const kemgu = (
    await testDb().query<{ id: string }>(`select id from public.organizations where short_name = 'КемГУ'`)
  ).rows[0].id;
  const before = await testDb().query(
    `select to_jsonb(n) from public.university_student_numbers n order by 1`,
  );
  const response = await page.request.post('/admin/indicators/student-numbers', {
    form: { universityId: kemgu, year: '2023', students: '12,5' },
    // a browser without JavaScript asks for the page, not the enhanced form's JSON
    headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain('Численность — целое число, без дробной части');
  const after = await testDb().query(
    `select to_jsonb(n) from public.university_student_numbers n order by 1`,
  );
  expect(after.rows).toEqual(before.rows);
});

test('a negative plan is refused at its field and nothing is saved', async ({ page }) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/indicators/plans');
  const field = page.locator('#plan-organized_practices-2024');
  await expect(field).toHaveValue('612');
  await field.fill('-5');
  await page.getByRole('button', { name: 'Сохранить планы' }).click();
  await expect(page.getByText('План не может быть отрицательным')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('ничего не сохранено');
  const { rows } = await testDb().query<{ value: string }>(
    `select value from public.indicator_plans where indicator_code = 'organized_practices' and year = 2024`,
  );
  expect(rows.map((r) => Number(r.value))).toEqual([612]);
  await expectNoAxeViolations(page);
});

test('other roles cannot open the dashboard', async ({ page }) => {
  await signInDemo(page, 'employer');
  const response = await page.goto('/admin/indicators/graduates_hired?year=2024');
  expect(response?.status()).toBe(403);
  await expect(page.getByText('Анастасия Игоревна Воронцова')).toHaveCount(0);
});

test('the public results page shows the aggregates to anyone, and no person', async ({ page }) => {
  await page.goto('/results');
  await expect(page.getByRole('heading', { level: 1, name: 'Итоги проекта #КемероVоПРОФИ' })).toBeVisible();
  await expect(page.getByTestId('hires-count')).toHaveText('27');
  await expect(page.getByRole('img', { name: /сейчас 27/ })).toBeVisible();
  await expect(
    card(page, 'organized_practices').getByRole('row', { name: '2024 612 5 0,8 % план не выполнен' }),
  ).toBeVisible();
  await expect(
    card(page, 'employer_university_contracts').getByRole('row', {
      name: '2024 22 5 22,7 % план не выполнен',
    }),
  ).toBeVisible();
  await expect(card(page, 'students_informed_pct').getByRole('row', { name: /^2024 95 7,6 / })).toBeVisible();
  await expect(
    card(page, 'employer_meetings_grade11').getByRole('row', { name: /^2025 10 7 70 %/ }),
  ).toBeVisible();
  await expect(page.locator('[data-indicator] a')).toHaveCount(0);
  const text = await page.locator('main').innerText();
  expect(text).not.toContain('Воронцова');
  expect(text).not.toContain('Приказ');
  await expectNoAxeViolations(page);
});

test('@phone the dashboard and the results fit a phone', async ({ page }) => {
  await page.goto('/results');
  await expect(page.getByTestId('hires-count')).toHaveText('27');
  await expectNoHorizontalScroll(page);
  await signInDemo(page, 'admin');
  await page.goto('/admin/indicators');
  await expect(page.getByTestId('hires-count')).toHaveText('27');
  await expectNoHorizontalScroll(page);
  await page.goto('/admin/indicators/plans');
  await expectNoHorizontalScroll(page);
});
