import { expect, test, type Page } from '@playwright/test';
import { signInDemo } from './support/accounts.ts';
import { clearRateLimits } from './support/db.ts';
import { expectNoAxeViolations } from './support/axe.ts';

const resultCount = (page: Page) => page.getByTestId('result-count');
const hits = (page: Page) => page.locator('article.hit');

/** «Найдено 12 возможностей» → 12 */
async function total(page: Page): Promise<number> {
  const text = (await resultCount(page).textContent()) ?? '';
  return Number(/Найдено (\d+)/.exec(text)?.[1] ?? 0);
}

/** Opens a page and waits until its scripts have taken over (typing before that only edits the box). */
async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
}

/** Opens the filter panel where it is collapsed (phones). */
async function openFilters(page: Page) {
  const details = page.locator('details.filters');
  if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) {
    await page.getByText('Фильтры', { exact: true }).click();
  }
}

/** A long filter list (its fieldset, named by its legend) and its choices. */
const fieldGroup = (page: Page) =>
  page.getByRole('group', { name: 'Направление подготовки (УГСН)', includeHidden: true });
const fieldChoices = (page: Page) => fieldGroup(page).locator('input[name="field"]');
const showAll = (page: Page) => fieldGroup(page).getByRole('link', { name: /^Показать все \(\d+\)/ });

/** «Показать все (23)» → 23 */
async function allCount(page: Page): Promise<number> {
  const text = (await showAll(page).textContent()) ?? '';
  return Number(/\((\d+)\)/.exec(text)?.[1] ?? 0);
}

/** Opens the folded group of programme fields. */
async function openFieldGroup(page: Page) {
  await openFilters(page);
  const group = page
    .locator('details.group')
    .filter({ has: page.locator('summary', { hasText: 'Направление подготовки' }) });
  if (!(await group.evaluate((d: HTMLDetailsElement) => d.open))) await group.locator('summary').click();
}

// Issue 10 item 21: the long lists send only their top choices; «Показать все» asks the server for the rest
test('as anon: a long filter list shows its top 5 choices and «Показать все», which shows them all', async ({
  page,
}) => {
  await open(page, '/opportunities');
  await openFieldGroup(page);
  await expect(fieldChoices(page)).toHaveCount(5);
  const all = await allCount(page);
  expect(all).toBeGreaterThan(6);
  // the top ones by number of results
  const counts = (await fieldGroup(page).locator('label small').allTextContents()).map((t) =>
    Number(t.slice(1, -1)),
  );
  expect(counts).toEqual([...counts].sort((a, b) => b - a));

  await showAll(page).click();
  await expect(page).toHaveURL(/[?&]all=field(&|$)/);
  await expect(fieldChoices(page)).toHaveCount(all);
  // the focus is on the first choice the link brought
  await expect(fieldChoices(page).nth(5)).toBeFocused();
  await expectNoAxeViolations(page);

  await fieldGroup(page)
    .getByRole('link', { name: /^Свернуть/ })
    .click();
  await expect(page).not.toHaveURL(/all=/);
  await expect(fieldChoices(page)).toHaveCount(5);
  await expect(showAll(page)).toBeFocused();

  // a choice made keeps the list in full (the form holds «all»); the search itself has no «all» to save
  await page.keyboard.press('Enter');
  await expect(fieldChoices(page)).toHaveCount(all);
  const value = await fieldChoices(page).nth(5).inputValue();
  await fieldChoices(page).nth(5).check();
  await expect(page).toHaveURL(new RegExp(`[?&]field=${value.replaceAll('.', '\\.')}(&|$)`));
  await expect(page).toHaveURL(/[?&]all=field(&|$)/);
  await expect(fieldGroup(page).locator(`input[value="${value}"]`)).toBeChecked();
  await expect(showAll(page)).toHaveCount(0);
});

test('as anon: chosen choices past the top 5 always show; unknown «all» values are ignored', async ({
  page,
}) => {
  await page.goto('/opportunities?all=field&all=nonsense&all=');
  const values = await fieldChoices(page).evaluateAll((inputs) =>
    inputs.map((i) => (i as HTMLInputElement).value),
  );
  expect(values.length).toBeGreaterThan(14);
  // the 8 with fewest results: chosen, they all show (and are checked), though the list is folded
  const chosen = values.slice(-8);

  const res = await page.goto(`/opportunities?${chosen.map((v) => `field=${v}`).join('&')}&all=<script>`);
  expect(res?.status()).toBe(200);
  await expect(page.locator('input[type="hidden"][name="all"]')).toHaveCount(0);
  for (const value of chosen) await expect(fieldGroup(page).locator(`input[value="${value}"]`)).toBeChecked();
});

test('as anon: a typo finds, filters with counts narrow, the URL keeps the query, back restores it', async ({
  page,
}) => {
  await open(page, '/opportunities');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Возможности для студентов и выпускников');
  const all = await total(page);
  expect(all).toBeGreaterThan(50);

  // typed with a typo; the results follow as you type
  await page.getByLabel('Что ищете').fill('програмист');
  await expect(page).toHaveURL(/[?&]q=%D0%BF%D1%80%D0%BE%D0%B3%D1%80%D0%B0%D0%BC%D0%B8%D1%81%D1%82/);
  await expect(hits(page).first()).toContainText(/программ/i);
  const typed = await total(page);
  expect(typed).toBeGreaterThan(0);
  expect(typed).toBeLessThan(all);
  await expect(page.getByLabel('Что ищете')).toBeFocused();

  await openFilters(page);
  // every choice shows how many results it gives
  const internship = page.getByRole('checkbox', { name: /^Стажировка \(\d+\)$/ });
  await expect(internship).toBeVisible();
  await internship.check();
  await expect(page).toHaveURL(/kind=internship/);
  await expect(hits(page).first()).toContainText('Стажировка');
  const byKind = await total(page);
  for (const badge of await page.locator('article.hit .badge').allTextContents()) {
    expect(badge).toBe('Стажировка');
  }

  const central = page.getByRole('checkbox', { name: /^Центральный район \(\d+\)$/ });
  await central.check();
  await expect(page).toHaveURL(/district=tsentralny/);
  await expect(page).toHaveURL(/kind=internship/);
  const byDistrict = await total(page);
  expect(byDistrict).toBeLessThanOrEqual(byKind);
  await expect(resultCount(page)).toContainText(/Найдено|Ничего не найдено/);

  // a shareable link: opening the URL anew shows the same search
  const url = page.url();
  await open(page, url);
  await expect(page.getByLabel('Что ищете')).toHaveValue('програмист');
  await expect(page.getByRole('checkbox', { name: /^Центральный район/ })).toBeChecked();

  // back: the search before the district filter (opening the same URL replaced its history entry)
  await page.goBack();
  await expect(page).not.toHaveURL(/district=/);
  await expect(page).toHaveURL(/kind=internship/);
  await expect.poll(() => total(page)).toBe(byKind);
});

test('as anon: a misspelt query is corrected, and the link searches it as typed', async ({ page }) => {
  await page.goto(`/opportunities?q=${encodeURIComponent('програмист')}`);
  const note = page.getByTestId('correction');
  await expect(note).toContainText('Показаны результаты по запросу «программист»');
  await expect(hits(page).first().locator('mark').first()).toHaveText(/^программист$/i);
  await expectNoAxeViolations(page);

  await note.getByRole('link', { name: 'Искать «програмист» как написано' }).click();
  await expect(page).toHaveURL(/exact=1/);
  await expect(page.getByTestId('correction')).toHaveCount(0);
  await expect(page.getByLabel('Что ищете')).toHaveValue('програмист');
  // Meilisearch's own typo tolerance still finds the postings
  await expect(hits(page).first()).toContainText(/программист/i);
});

test('as anon: the opportunity page and the employer page open from a result', async ({ page }) => {
  await page.goto('/opportunities?kind=practice');
  const first = hits(page).first();
  const title = (await first.getByRole('heading', { level: 3 }).textContent())?.trim() ?? '';
  await first.getByRole('heading', { level: 3 }).getByRole('link').click();
  await expect(page).toHaveURL(/\/opportunities\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('Практика', { exact: true }).first()).toBeVisible();
  // the contacts are on the page, though anon cannot select them from /rest/v1/opportunities
  await expect(page.getByRole('heading', { name: 'Контакты' })).toBeVisible();
  await expect(page.locator('.contact a[href^="mailto:"]')).toHaveText(/^[^@\s]+@[^@\s]+$/);
  await expectNoAxeViolations(page);

  const employer = page.locator('.org a');
  const name = (await employer.textContent())?.trim() ?? '';
  await employer.click();
  await expect(page).toHaveURL(/\/employers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('heading', { name: 'Открытые возможности' })).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expectNoAxeViolations(page);

  const missing = await page.goto('/opportunities/00000000-0000-0000-0000-000000000000');
  expect(missing?.status()).toBe(404);
  await expect(page.getByText('Такой публикации нет')).toBeVisible();
});

test('as anon: the search page has no axe violations, with results and when empty', async ({ page }) => {
  await page.goto('/opportunities?q=%D0%B8%D0%BD%D0%B6%D0%B5%D0%BD%D0%B5%D1%80');
  await expect(hits(page).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/opportunities?q=zzqxwv&kind=stipend');
  await expect(page.getByRole('heading', { name: 'Ничего не нашлось' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Убрать «Именная стипендия»' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Сбросить все фильтры' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the search is a plain GET form', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Найдите стажировку, практику или работу').fill('энергетик');
    await page.getByRole('button', { name: 'Найти' }).click();
    await expect(page).toHaveURL(/\/opportunities\?q=/);
    await expect(hits(page).first()).toBeVisible();

    await page.getByText('Фильтры', { exact: true }).click();
    await page.getByRole('checkbox', { name: /^Практика \(\d+\)$/ }).check();
    await page.getByRole('button', { name: 'Показать' }).click();
    await expect(page).toHaveURL(/kind=practice/);
    await expect(page).toHaveURL(/q=/);
    await expect(page.getByRole('checkbox', { name: /^Практика/ })).toBeChecked();
    await expect(page.getByLabel('Что ищете')).toHaveValue('энергетик');
  });

  test('«Показать все» is a link, and the filter form keeps the list in full', async ({ page }) => {
    await page.goto('/opportunities');
    await openFieldGroup(page);
    await expect(fieldChoices(page)).toHaveCount(5);
    const all = await allCount(page);
    await showAll(page).click();
    await expect(page).toHaveURL(/\/opportunities\?all=field$/);
    await expect(fieldChoices(page)).toHaveCount(all);

    await openFieldGroup(page);
    const value = await fieldChoices(page).nth(5).inputValue();
    await fieldChoices(page).nth(5).check();
    await page.getByRole('button', { name: 'Показать' }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]field=${value.replaceAll('.', '\\.')}(&|$)`));
    await expect(page).toHaveURL(/[?&]all=field(&|$)/);
    await expect(fieldGroup(page).locator(`input[value="${value}"]`)).toBeChecked();
    await expect(showAll(page)).toHaveCount(0);

    await page.goto('/opportunities?all=field');
    await openFieldGroup(page);
    await fieldGroup(page)
      .getByRole('link', { name: /^Свернуть/ })
      .click();
    await expect(page).toHaveURL(/\/opportunities$/);
    await expect(fieldChoices(page)).toHaveCount(5);
  });
});

test('@phone the search page fits a phone, filters folded away', async ({ page }) => {
  await open(page, '/opportunities?q=%D1%81%D1%82%D0%B0%D0%B6%D0%B8%D1%80%D0%BE%D0%B2%D0%BA%D0%B0&page=2');
  await expect(hits(page).first()).toBeVisible();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await openFilters(page);
  await expect(page.getByRole('checkbox', { name: /^Стажировка/ })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  const first = hits(page).first().getByRole('heading', { level: 3 }).getByRole('link');
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
});

test('the demo student saves a search, sees it on «Мои поиски» and deletes it', async ({ page }) => {
  await clearRateLimits();
  await signInDemo(page, 'student');
  await open(page, '/opportunities?kind=internship');
  const name = `Стажировки ${Date.now()}`;
  await page.getByText('Сохранить поиск и получать новые предложения на почту').click();
  await page.getByLabel('Название поиска').fill(name);
  await page.getByRole('radio', { name: 'Раз в день' }).check();
  await page.getByRole('button', { name: 'Сохранить поиск' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Поиск «${name}» сохранён` })).toBeVisible();

  await page.getByRole('link', { name: 'Мои поиски' }).click();
  await expect(page).toHaveURL('/student/saved-searches');
  const row = page.getByTestId('saved-search').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByRole('link', { name })).toHaveAttribute('href', '/opportunities?kind=internship');
  await expect(row.getByLabel('Письма')).toHaveValue('daily');
  await expectNoAxeViolations(page);

  await row.getByRole('button', { name: `Удалить поиск «${name}»` }).click();
  await expect(page.getByRole('status')).toContainText(`Поиск «${name}» удалён`);
  await expect(page.getByTestId('saved-search').filter({ hasText: name })).toHaveCount(0);
});
