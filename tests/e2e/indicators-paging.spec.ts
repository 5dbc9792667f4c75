import { expect, test } from '@playwright/test';
import { signInDemo } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits, testDb } from './support/db.ts';

/**
 * The drill-down pages its records (issue 9, speed): 53 organized practices of one year in a
 * programme period of its own show as 50 + 3, with the summary over all 53 and page links that are
 * plain links (no JavaScript needed).
 */
let periodId: string;

test.beforeAll(async () => {
  const db = testDb();
  const { rows } = await db.query<{ id: string }>(
    `insert into public.programme_periods (name, starts_on, ends_on, created_by)
     values ($1, '2007-01-01', '2008-12-31', null) returning id`,
    [`Страницы записей ${Date.now()}`],
  );
  periodId = rows[0].id;
  // a register's practices of people without an account: each is its own person
  await db.query(
    `insert into public.practice_placements (student_name, university_id, organization_id, practice_type,
                                             starts_on, ends_on, status, order_number, order_date)
     select 'Практикант ' || n, (select id from public.organizations where kind = 'university' order by name limit 1),
            (select o.id from public.organizations o join public.districts d on d.code = o.district_code
              where o.kind = 'employer' order by o.name limit 1),
            'industrial', date '2007-01-01' + n * 5, date '2007-01-01' + n * 5 + 10, 'confirmed', 'П-' || n,
            date '2007-01-01' + n * 5
       from generate_series(1, 53) as n`,
  );
});

test.beforeEach(async () => {
  await clearRateLimits();
});

test('a long list shows 50 records a page, the summary over all of them, and page links', async ({
  page,
}) => {
  await signInDemo(page, 'admin');
  await page.goto(`/admin/indicators/organized_practices?period=${periodId}&year=2007`);
  await expect(page.getByTestId('records-summary')).toContainText('2007: 53 учтено · записей: 53');
  await expect(page.getByTestId('records-shown')).toHaveText('Показаны 1–50 из 53');
  await expect(page.locator('table.records tbody tr')).toHaveCount(50);
  const pages = page.getByRole('navigation', { name: 'Страницы записей' });
  await expect(pages).toContainText('Страница 1 из 2');
  await expectNoAxeViolations(page);

  await pages.getByRole('link', { name: 'Следующая ›' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId('records-shown')).toHaveText('Показаны 51–53 из 53');
  await expect(page.locator('table.records tbody tr')).toHaveCount(3);
  await expect(page.locator('table.records tbody tr').first()).toContainText('13.09.2007');
  await expect(page.getByTestId('records-summary')).toContainText('записей: 53');
  await pages.getByRole('link', { name: '‹ Предыдущая' }).click();
  await expect(page.getByTestId('records-shown')).toHaveText('Показаны 1–50 из 53');
});
