import { expect, test, type Page } from '@playwright/test';
import { DEMO, signInDemo } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits, testDb } from './support/db.ts';

// Each test signs the demo employer in; the whole run shares one IP and the sign-in limits.
test.beforeEach(async () => {
  await clearRateLimits();
});

async function rowsTitled(title: string): Promise<{ id: string; status: string }[]> {
  const { rows } = await testDb().query<{ id: string; status: string }>(
    'select id, status from public.opportunities where title = $1',
    [title],
  );
  return rows;
}

/** A new internship draft through the posting form; the list is open afterwards. */
async function saveDraft(page: Page, title: string): Promise<void> {
  await page.goto('/employer/opportunities/new?kind=internship');
  await page.getByLabel('Название', { exact: true }).fill(title);
  await page.getByLabel('Район Кемерова', { exact: true }).selectOption('leninsky');
  await page.getByRole('button', { name: 'Сохранить черновик' }).click();
  await expect(page).toHaveURL(/\/employer\/opportunities\?saved=/);
  await expect(page.getByTestId('opportunity-row').filter({ hasText: title })).toBeVisible();
}

for (const javaScript of [true, false]) {
  test(`${javaScript ? 'with' : 'without'} JavaScript: a draft is deleted once the employer confirms`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await signInDemo(page, 'employer');
    const title = `Стажировка на удаление ${javaScript ? 'с JS' : 'без JS'} ${Date.now()}`;
    await saveDraft(page, title);
    const [{ id }] = await rowsTitled(title);
    const row = page.getByTestId('opportunity-row').filter({ hasText: title });

    // The list only offers it; the confirmation page asks, and «Не удалять» keeps the draft.
    await row.getByRole('link', { name: 'Удалить черновик' }).click();
    await expect(page).toHaveURL(`/employer/opportunities/${id}/delete`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Удаление черновика');
    await expect(page.getByRole('main')).toContainText(title);
    await expect(page.getByRole('main')).toContainText('удалится безвозвратно');
    await page.getByRole('link', { name: 'Не удалять' }).click();
    await expect(page).toHaveURL('/employer/opportunities');
    expect(await rowsTitled(title)).toEqual([{ id, status: 'draft' }]);

    // From the edit page too; this time the employer confirms.
    await row.getByRole('link', { name: title }).click();
    await expect(page).toHaveURL(`/employer/opportunities/${id}/edit`);
    await page.getByRole('link', { name: 'Удалить черновик' }).click();
    await expect(page).toHaveURL(`/employer/opportunities/${id}/delete`);
    await page.getByRole('button', { name: 'Удалить черновик' }).click();

    await expect(page).toHaveURL('/employer/opportunities?deleted=1');
    await expect(page.getByRole('status').filter({ hasText: 'удалён' })).toHaveText(
      `Черновик «${title}» удалён.`,
    );
    await expect(page.getByTestId('opportunity-row').filter({ hasText: title })).toHaveCount(0);
    expect(await rowsTitled(title)).toEqual([]);
    // The message is said once, not on every later visit of the list.
    await page.goto('/employer/opportunities');
    await expect(page.getByRole('status').filter({ hasText: 'удалён' })).toHaveCount(0);
    await context.close();
  });
}

test('a published posting offers no deletion, and a forged request leaves it as it was', async ({ page }) => {
  await signInDemo(page, 'employer');
  const { rows } = await testDb().query<{ id: string; title: string; updated_at: Date }>(
    `select o.id, o.title, o.updated_at
       from public.opportunities o
       join public.memberships m on m.organization_id = o.organization_id
       join public.profiles p on p.id = m.profile_id
      where p.email = $1 and o.status = 'published'
      order by o.updated_at desc limit 1`,
    [DEMO.employer.email],
  );
  expect(rows, 'у демо-работодателя есть опубликованная публикация').toHaveLength(1);
  const published = rows[0];

  await page.goto('/employer/opportunities');
  const row = page.getByTestId('opportunity-row').filter({ hasText: published.title }).first();
  await expect(row.getByTestId('status')).toHaveText('Опубликована');
  await expect(row.getByRole('link', { name: 'Удалить черновик' })).toHaveCount(0);

  await page.goto(`/employer/opportunities/${published.id}/delete`);
  await expect(page.getByRole('main')).toContainText('Удалить можно только черновик');
  await expect(page.getByRole('button', { name: 'Удалить черновик' })).toHaveCount(0);

  // The action refuses it as well, with a Russian message and a 4xx: a plain form POST, as a browser
  // without JavaScript sends it.
  const response = await page.request.post(`/employer/opportunities/${published.id}/delete`, {
    headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
    form: {},
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain('Удалить можно только черновик');
  const after = await testDb().query<{ status: string; updated_at: Date }>(
    'select status, updated_at from public.opportunities where id = $1',
    [published.id],
  );
  expect(after.rows).toEqual([{ status: 'published', updated_at: published.updated_at }]);
});

test('axe: the confirmation page and the list with its message have no violations', async ({ page }) => {
  await signInDemo(page, 'employer');
  const title = `Стажировка для проверки доступности ${Date.now()}`;
  await saveDraft(page, title);
  await page
    .getByTestId('opportunity-row')
    .filter({ hasText: title })
    .getByRole('link', { name: 'Удалить черновик' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Удаление черновика');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Удалить черновик' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'удалён' })).toBeVisible();
  await expectNoAxeViolations(page);
});
