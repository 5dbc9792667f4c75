import { expect, test } from '@playwright/test';
import { DEMO, signInDemo } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits, organizationIdOf, testDb } from './support/db.ts';

// Issue 10 item 14, the employer's part: a preview of what is not public, a confirmation before
// taking a posting down, and the employer page's website and address.

test.beforeEach(async () => {
  await clearRateLimits();
});

/** A posting of the demo employer in the given status (the latest to expire, when published). */
async function demoPosting(status: string): Promise<{ id: string; title: string }> {
  const { rows } = await testDb().query<{ id: string; title: string }>(
    `select o.id, o.title from public.opportunities o
      where o.organization_id = $1 and o.status = $2::public.opportunity_status
      order by o.expires_at desc nulls last, o.id limit 1`,
    [await organizationIdOf(DEMO.employer.email), status],
  );
  expect(rows, `у демо-работодателя есть публикация со статусом ${status}`).toHaveLength(1);
  return rows[0];
}

async function statusOf(id: string): Promise<string> {
  const { rows } = await testDb().query<{ status: string }>(
    'select status from public.opportunities where id = $1',
    [id],
  );
  return rows[0].status;
}

test('without JavaScript «Снять с публикации» asks first; «Не снимать» keeps it, the button takes it down', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const posting = await demoPosting('published');
  await signInDemo(page, 'employer');
  await page.goto('/employer/opportunities');
  // Demo titles repeat: the row is found by its links.
  const row = page
    .getByTestId('opportunity-row')
    .filter({ has: page.locator(`a[href="/employer/opportunities/${posting.id}/edit"]`) });
  await row.getByRole('link', { name: 'Снять с публикации' }).click();
  await expect(page).toHaveURL(`/employer/opportunities/${posting.id}/close`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Снятие с публикации');
  await expect(page.getByText(posting.title)).toBeVisible();

  await page.getByRole('link', { name: 'Не снимать' }).click();
  await expect(page).toHaveURL('/employer/opportunities');
  expect(await statusOf(posting.id)).toBe('published');

  await page.goto(`/employer/opportunities/${posting.id}/close`);
  await page.getByRole('button', { name: 'Снять с публикации' }).click();
  await expect(page).toHaveURL(`/employer/opportunities?closed=${posting.id}`);
  await expect(page.getByRole('status')).toContainText(`«${posting.title}» снята с публикации.`);
  expect(await statusOf(posting.id)).toBe('closed');
  await expect(
    page
      .getByTestId('opportunity-row')
      .filter({ has: page.locator(`a[href="/employer/opportunities/${posting.id}/edit"]`) })
      .getByTestId('status'),
  ).toHaveText('Закрыта');

  // Once closed there is nothing to take down: the page says so and offers no button.
  await page.goto(`/employer/opportunities/${posting.id}/close`);
  await expect(page.getByRole('button', { name: 'Снять с публикации' })).toHaveCount(0);
  await context.close();
});

test('a draft has a preview for its organization; not for anyone else, and not on the public page', async ({
  page,
  browser,
}) => {
  const draft = await demoPosting('draft');
  await signInDemo(page, 'employer');
  // (axe needs JavaScript in the page: the close confirmation is checked here)
  const published = await demoPosting('published');
  await page.goto(`/employer/opportunities/${published.id}/close`);
  await expect(page.getByRole('button', { name: 'Снять с публикации' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/employer/opportunities');
  // Demo titles repeat: the link is found by where it goes.
  await page
    .getByRole('link', { name: 'Предпросмотр' })
    .and(page.locator(`[href="/opportunities/${draft.id}/preview"]`))
    .click();
  await expect(page).toHaveURL(`/opportunities/${draft.id}/preview`);
  await expect(page.getByTestId('preview-notice')).toContainText('«Черновик»');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(draft.title);
  await expectNoAxeViolations(page);

  // The public page of a draft does not exist, even for its own employer.
  expect((await page.goto(`/opportunities/${draft.id}`))?.status()).toBe(404);

  // Signed out: sign in first. A student, or another organization: no such page.
  const anon = await browser.newContext();
  const anonPage = await anon.newPage();
  await anonPage.goto(`/opportunities/${draft.id}/preview`);
  await expect(anonPage).toHaveURL(/\/sign-in\?redirectTo=/);
  await signInDemo(anonPage, 'student');
  expect((await anonPage.goto(`/opportunities/${draft.id}/preview`))?.status()).toBe(404);
  await anon.close();
});

test('the administration previews a posting in moderation from its queue', async ({ page }) => {
  const waiting = await demoPosting('moderation');
  await signInDemo(page, 'admin');
  await page.goto('/admin/moderation');
  await page
    .getByTestId('moderation-row')
    .filter({ has: page.locator(`a[href="/opportunities/${waiting.id}/preview"]`) })
    .getByRole('link', { name: 'Предпросмотр публикации' })
    .click();
  await expect(page).toHaveURL(`/opportunities/${waiting.id}/preview`);
  await expect(page.getByTestId('preview-notice')).toContainText('«На модерации»');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(waiting.title);
  await expect(page.getByRole('link', { name: 'Очередь модерации' })).toBeVisible();
});

test('the public employer page shows the website and the address', async ({ page }) => {
  const orgId = await organizationIdOf(DEMO.employer.email);
  const { rows } = await testDb().query<{ website: string; address: string }>(
    'select website, address from public.organizations where id = $1',
    [orgId],
  );
  expect(rows[0].website).toMatch(/^https:\/\/.+\.demo\.kemerovo-profi\.ru$/);
  expect(rows[0].address).toMatch(/^г\. Кемерово, /);
  await page.goto(`/employers/${orgId}`);
  await expect(page.getByRole('link', { name: rows[0].website })).toHaveAttribute('href', rows[0].website);
  await expect(page.getByText(rows[0].address, { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});
