/**
 * Issue 10 items 12–14: Russian text (plural forms, nested quotes, spaces, the representative's
 * consent), the layout of the posting and search pages (words split in «Коротко», filters on a
 * phone, the way to the results by keyboard, empty districts, the current section, the minimum pay
 * as typed) and the administration's and students' lists.
 */
import { expect, test, type Page } from '@playwright/test';
import { pluralWord } from '../../src/lib/i18n/plural.ts';
import { signInDemo } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits } from './support/db.ts';

test.beforeEach(async () => {
  await clearRateLimits();
});

/** Opens a page and waits until its scripts have taken over. */
async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
}

/** Lines of the page's text where a «·» or a word is glued to its neighbour. */
async function gluedLines(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return text.split('\n').filter((line) => /\S·|·\S|подтвержденияна/.test(line));
}

test('no separator or word is glued to its neighbour', async ({ page }) => {
  await page.goto('/sign-up/check-email?email=anna%40example.ru&employer=1');
  await expect(page.getByRole('status')).toContainText('для подтверждения на anna@example.ru.');
  expect(await gluedLines(page)).toEqual([]);

  // the public page of an employer lists its postings as «pay · district · deadline»
  await page.goto('/opportunities');
  await page.locator('article.hit').first().locator('.org a').click();
  await expect(page).toHaveURL(/\/employers\//);
  await expect(page.locator('.postings li').first()).toBeVisible();
  expect(await gluedLines(page)).toEqual([]);

  // the header's «name · role · organization» and the moderation queue
  await signInDemo(page, 'admin');
  await expect(page.locator('.site-header .who')).toContainText(' · Администрация города · Управление');
  await page.goto('/admin/moderation');
  expect(await gluedLines(page)).toEqual([]);
});

test('the employer sign-up asks a representative’s consent, not a student’s', async ({ page }) => {
  await page.goto('/sign-up/employer');
  const consent = page.locator('label.checkbox').filter({ has: page.locator('input[name="consent"]') });
  await expect(consent).toContainText('как представителя организации');
  await expect(consent).toContainText('должность');
  await expect(consent).not.toContainText('сведения об учёбе');
  await page.goto('/sign-up/person');
  await expect(
    page.locator('label.checkbox').filter({ has: page.locator('input[name="consent"]') }),
  ).toContainText('сведения об учёбе');
});

test('admin home: counts agree with their nouns and the moderation queue is one click away', async ({
  page,
}) => {
  await signInDemo(page, 'admin');
  const tile = async (id: string) => {
    const text = (await page.getByTestId(id).innerText()).replace(/\s+/g, ' ').trim();
    const n = Number(/^\d+/.exec(text)?.[0]);
    return { n, words: text.replace(/^\d+ /, '') };
  };
  const pending = await tile('tile-pending-employers');
  expect(pending.words).toBe(
    pluralWord(pending.n, {
      one: 'работодатель ждёт проверки',
      few: 'работодателя ждут проверки',
      many: 'работодателей ждут проверки',
    }),
  );
  const moderation = await tile('tile-moderation');
  expect(moderation.n).toBeGreaterThan(0);
  expect(moderation.words).toBe(
    pluralWord(moderation.n, {
      one: 'публикация ждёт модерации',
      few: 'публикации ждут модерации',
      many: 'публикаций ждут модерации',
    }),
  );
  // «Кабинет» is the current section here, and only here
  const nav = page.getByRole('navigation', { name: 'Основная навигация' });
  await expect(nav.getByRole('link', { name: 'Кабинет' })).toHaveAttribute('aria-current', 'page');
  await expectNoAxeViolations(page);

  await page.getByTestId('tile-moderation').getByRole('link').click();
  await expect(page).toHaveURL('/admin/moderation');
  await expect(page.getByTestId('moderation-row')).toHaveCount(moderation.n);
  await expect(nav.getByRole('link', { name: 'Модерация' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Кабинет' })).not.toHaveAttribute('aria-current', /.*/);
  await expect(nav.locator('[aria-current]')).toHaveCount(1);
});

test('the verified employers: search by name or ИНН, 20 a page', async ({ page }) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/employers?status=verified');
  const rows = page.getByTestId('employer-row');
  await expect(rows).toHaveCount(20);
  await expect(page.getByTestId('employer-count')).toHaveText(/^\d+ организаци(я|и|й), страница 1 из \d+$/);
  const firstOnPage1 = await rows.first().locator('h2').innerText();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Следующая →' }).click();
  await expect(page).toHaveURL(/status=verified&page=2/);
  await expect(page.getByTestId('employer-count')).toContainText('страница 2 из');
  await expect(rows.first().locator('h2')).not.toHaveText(firstOnPage1);
  const target = rows.nth(3);
  const name = await target.locator('h2').innerText();
  const inn = await target.locator('dt:text-is("ИНН") + dd').innerText();

  // by the ИНН
  await page.getByLabel('Название или ИНН').fill(inn);
  await page.getByRole('button', { name: 'Найти' }).click();
  await expect(page).toHaveURL(/q=\d+/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('h2')).toHaveText(name);

  // by a part of the name, whatever the case
  const word = name
    .replace(/[«»"]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length >= 5)[0];
  await page.getByLabel('Название или ИНН').fill(word.toLowerCase());
  await page.getByRole('button', { name: 'Найти' }).click();
  await expect(page.getByTestId('employer-count')).toContainText(`По запросу «${word.toLowerCase()}»: `);
  await expect(rows.filter({ hasText: name })).toHaveCount(1);
  for (const title of await rows.locator('h2').allInnerTexts()) {
    expect(title.toLowerCase()).toContain(word.toLowerCase());
  }

  await page.getByLabel('Название или ИНН').fill('такой организации нет');
  await page.getByRole('button', { name: 'Найти' }).click();
  await expect(page.getByText('Никого не нашлось: проверьте название или ИНН.')).toBeVisible();
});

test('a student’s saved search shows its criteria in words', async ({ page }) => {
  await signInDemo(page, 'student');
  await open(
    page,
    '/opportunities?q=инженер&kind=internship&district=tsentralny&paid=1&pay_min=20000&sort=newest',
  );
  const name = `Критерии ${Date.now()}`;
  await page.getByText('Сохранить поиск и получать новые предложения на почту').click();
  await page.getByLabel('Название поиска').fill(name);
  await page.getByRole('button', { name: 'Сохранить поиск' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Поиск «${name}» сохранён` })).toBeVisible();

  await page.goto('/student/saved-searches');
  const row = page.getByTestId('saved-search').filter({ hasText: name });
  const criteria = row.getByTestId('criteria');
  await expect(criteria).toContainText('Запрос: «инженер»');
  await expect(criteria).toContainText('Вид: Стажировка');
  await expect(criteria).toContainText('Где: Центральный район');
  await expect(criteria).toContainText('Оплата: только оплачиваемые, от 20 000 ₽ в месяц');
  await expect(criteria).toContainText('Сортировка: сначала новые');
  await expectNoAxeViolations(page);
  await row.getByRole('button', { name: `Удалить поиск «${name}»` }).click();
  await expect(page.getByRole('status')).toContainText(`Поиск «${name}» удалён`);
});

test.describe('at 1366 px', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('«Коротко» splits no word of a posting across lines', async ({ page }) => {
    await page.goto('/opportunities');
    const links = await page
      .locator('article.hit')
      .locator('h3 a')
      .evaluateAll((as) => as.slice(0, 5).map((a) => a.getAttribute('href') ?? ''));
    expect(links.length).toBe(5);
    for (const link of links) {
      await page.goto(link);
      await expect(page.getByRole('heading', { name: 'Коротко' })).toBeVisible();
      const split = await page.locator('.facts').evaluate((dl) => {
        const out: string[] = [];
        const walker = document.createTreeWalker(dl, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const m of (node.textContent ?? '').matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (lines.size > 1) out.push(m[0]);
          }
        }
        return out;
      });
      expect(split, link).toEqual([]);
    }
  });
});

test.describe('the search page', () => {
  test('from the search box, three Tabs reach the first result past the filters', async ({ page }) => {
    await open(page, '/opportunities');
    await page.getByLabel('Что ищете').focus();
    await page.keyboard.press('Tab'); // «Найти»
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'К результатам' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const first = page.locator('article.hit').first().locator('h3 a');
    await expect(first).toBeFocused();
  });

  test('districts without postings are no choice, unless chosen', async ({ page }) => {
    await page.goto('/opportunities');
    const districts = page.locator('input[name="district"]');
    expect(await districts.count()).toBeGreaterThan(0);
    for (const label of await page.locator('label:has(input[name="district"])').allInnerTexts()) {
      expect(label).not.toMatch(/\(0\)/);
    }
    await expect(page.getByRole('checkbox', { name: /^Кедровка/ })).toHaveCount(0);

    await page.goto('/opportunities?district=kedrovka');
    await expect(page.getByRole('checkbox', { name: /^Кедровка \(жилой район\) \(0\)$/ })).toBeChecked();
  });

  test('the minimum pay is searched as it is typed', async ({ page }) => {
    await open(page, '/opportunities');
    const pay = page.getByLabel('Не меньше, ₽ в месяц');
    await pay.fill('40000');
    await expect(page).toHaveURL(/pay_min=40000/);
    await expect(pay).toBeFocused();
    await expect(pay).toHaveValue('40000');
    await expect(page.getByTestId('result-count')).toBeVisible();
  });

  test.describe('on a phone', () => {
    test.use({
      viewport: { width: 412, height: 839 },
      deviceScaleFactor: 2.625,
      isMobile: true,
      hasTouch: true,
    });

    test('the open filters are a few screens tall, not fifteen thousand pixels', async ({ page }) => {
      await open(page, '/opportunities');
      const filters = page.locator('details.filters');
      await page.getByText('Фильтры', { exact: true }).click();
      await expect(page.getByRole('checkbox', { name: /^Стажировка/ })).toBeVisible();
      const height = await filters.evaluate((d) => d.getBoundingClientRect().height);
      expect(height).toBeLessThan(2500);
      // the folded groups open, and «Показать все» brings the rest of a long list without losing anything
      const industry = filters
        .locator('details.group')
        .filter({ has: page.locator('summary', { hasText: 'Отрасль (ОКВЭД)' }) })
        .first();
      await industry.locator('summary').first().click();
      const choices = industry.locator('input[name="industry"]');
      await expect(choices).toHaveCount(5);
      const more = industry.getByRole('link', { name: /^Показать все \(\d+\)/ });
      const all = Number(/\((\d+)\)/.exec((await more.textContent()) ?? '')?.[1]);
      expect(all).toBeGreaterThan(6);
      await more.click();
      await expect(choices).toHaveCount(all);
      await expect(choices.nth(5)).toBeVisible();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);
    });
  });
});
