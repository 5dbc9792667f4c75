import { expect, test, type Page } from '@playwright/test';
import { DEMO, signInDemo } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits, organizationIdOf, testDb } from './support/db.ts';

/**
 * The КемГУ career centre reads its students' practice applications and every outcome of its
 * students and graduates (issue 7 item 6): read-only pages linked from the university home, filters
 * that are links, no cover letters or notes, axe-clean and usable on a phone.
 */

test.beforeEach(async () => {
  await clearRateLimits();
});

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the career centre reads its students’ practice applications, filtered by state @phone', async ({
  page,
}) => {
  const universityId = await organizationIdOf(DEMO.university.email);
  // the demo seed's КемГУ students' practice applications, by state
  const { rows: expected } = await testDb().query<{ status: string; n: number }>(
    `select status::text, count(*)::int as n from public.applications
      where kind = 'practice' and university_id = $1 group by status order by n desc`,
    [universityId],
  );
  const total = expected.reduce((sum, r) => sum + r.n, 0);

  await signInDemo(page, 'university');
  await page.getByRole('link', { name: 'Отклики студентов на практики' }).click();
  await expect(page).toHaveURL('/university/applications');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Отклики студентов на практики');
  await expect(page.getByTestId('total')).toHaveText(`Найдено откликов: ${total}`);
  await expect(page.getByTestId('university-application')).toHaveCount(Math.min(total, 50));
  // never the letters the students sent
  const { rows: letters } = await testDb().query<{ cover_letter: string }>(
    `select d.cover_letter from public.application_documents d
       join public.applications a on a.id = d.application_id
      where a.kind = 'practice' and a.university_id = $1 and length(d.cover_letter) > 10`,
    [universityId],
  );
  for (const { cover_letter } of letters) {
    await expect(page.locator('main')).not.toContainText(cover_letter.slice(0, 40));
  }
  await expectNoAxeViolations(page);
  await noHorizontalScroll(page);

  // the state filter is a GET form: the filtered list is a link
  expect(total).toBeGreaterThan(0);
  const state = expected[0];
  await page.getByLabel('Состояние').selectOption(state.status);
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page).toHaveURL(
    (url) => url.pathname === '/university/applications' && url.searchParams.get('state') === state.status,
  );
  await expect(page.getByTestId('total')).toHaveText(`Найдено откликов: ${state.n}`);
  for (const chip of await page.getByTestId('status-chip').all()) {
    await expect(chip).toHaveAttribute('data-status', state.status);
  }
  // a filter that makes no sense is named, not an error page
  const response = await page.goto('/university/applications?state=hacked');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('status').filter({ hasText: 'Не поняли фильтр: состояние' })).toBeVisible();
});

test('the career centre reads every outcome of its students and graduates @phone', async ({ page }) => {
  const universityId = await organizationIdOf(DEMO.university.email);
  const { rows } = await testDb().query<{
    employments: number;
    placements: number;
    graduate: string;
    status: 'awaiting_confirmation' | 'confirmed' | 'cancelled';
  }>(
    `select (select count(*)::int from public.employments e join public.profiles p on p.id = e.person_id
              where p.university_id = $1) as employments,
            (select count(*)::int from public.practice_placements where university_id = $1) as placements,
            g.full_name as graduate,
            (select e.status::text from public.employments e where e.person_id = g.id
              order by e.created_at desc limit 1) as status
       from public.profiles g where lower(g.email) = lower($2)`,
    [universityId, DEMO.graduate.email],
  );
  const counts = rows[0];
  // the demo graduate (КемГУ) has a hire: waiting for their confirmation, or confirmed by another test
  expect(counts.employments).toBeGreaterThan(0);
  const label = {
    awaiting_confirmation: 'Ждёт подтверждения выпускника',
    confirmed: 'Подтверждён',
    cancelled: 'Отменён',
  }[counts.status];

  await signInDemo(page, 'university');
  await page.getByRole('link', { name: 'Итоги студентов' }).click();
  await expect(page).toHaveURL('/university/outcomes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Итоги студентов и выпускников');
  const hires = page.getByTestId('outcome-employment');
  await expect(hires).toHaveCount(counts.employments);
  const graduate = hires.filter({ hasText: counts.graduate });
  await expect(graduate.first()).toContainText(label);
  await expect(page.getByTestId('outcome-placement')).toHaveCount(counts.placements);
  await expectNoAxeViolations(page);
  await noHorizontalScroll(page);
});

test('a student cannot open the university’s overviews', async ({ page }) => {
  await signInDemo(page, 'student');
  for (const path of ['/university/applications', '/university/outcomes']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
  }
});
