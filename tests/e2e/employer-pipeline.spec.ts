import ExcelJS from 'exceljs';
import { expect, test, type Browser, type Page, type Response } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, newVerifiedStudent, type DemoKey } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expectStatus } from './support/colleagues.ts';
import { clearRateLimits, testDb } from './support/db.ts';

/**
 * The demo employer takes an application through the pipeline: opens it (it becomes «просмотрен»),
 * invites to an interview in Kemerovo time, makes an offer, and — once the student has accepted —
 * records the hire. The student is a new person who signs up through the form; applying and
 * accepting are the student's own database functions called with the student's identity (the
 * student's pages are built and tested separately).
 */

test.beforeEach(async () => {
  await clearRateLimits();
});

const CONSENT_TEXT =
  'Я согласен(на) на передачу моих персональных данных работодателю для рассмотрения отклика (152-ФЗ).';

/** Runs `sql` as the person with this id: role authenticated and their JWT claims, like PostgREST. */
async function asPerson<T extends object>(personId: string, sql: string, params: unknown[]): Promise<T[]> {
  const client = await testDb().connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify({ sub: personId, role: 'authenticated' }),
    ]);
    await client.query('set local role authenticated');
    const { rows } = await client.query<T>(sql, params);
    await client.query('commit');
    return rows;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

interface Seeded {
  applicationId: string;
  studentId: string;
  name: string;
  title: string;
}

/**
 * A new student (signed up and verified through the pages, in a context of their own) writes a
 * résumé and applies to a published vacancy or internship of the demo employer they may apply to.
 */
async function studentApplies(browser: Browser): Promise<Seeded> {
  const context = await browser.newContext();
  const studentPage = await context.newPage();
  const person = await newVerifiedStudent(studentPage, 'pipeline');
  await context.close();
  const name = `Пайплайнов ${Date.now().toString(36)}`;
  const { rows } = await testDb().query<{ id: string }>(
    `select id from public.profiles where lower(email) = lower($1)`,
    [person.email],
  );
  const studentId = rows[0].id;
  await testDb().query(`update public.profiles set full_name = $2 where id = $1`, [studentId, name]);
  const { rows: postings } = await testDb().query<{ id: string; title: string }>(
    `select o.id, o.title from public.opportunities o
       join public.memberships m on m.organization_id = o.organization_id
       join public.profiles p on p.id = m.profile_id
      where lower(p.email) = lower($1) and o.status = 'published' and o.expires_at > now()
        and o.kind in ('vacancy', 'internship')
      order by o.kind desc, o.published_at desc`,
    [DEMO.employer.email],
  );
  await asPerson(studentId, `insert into public.resumes (profile_id, headline, skills) values ($1, $2, $3)`, [
    studentId,
    'Будущий инженер-энергетик',
    ['AutoCAD', 'Python'],
  ]);
  for (const posting of postings) {
    const [refusal] = await asPerson<{ r: string | null }>(
      studentId,
      'select public.application_refusal($1) as r',
      [posting.id],
    );
    if (refusal.r) continue;
    const [applied] = await asPerson<{ application_id: string }>(
      studentId,
      `select application_id from public.apply_to_opportunity($1, $2, 'transfer-e2e', $3)`,
      [posting.id, 'Здравствуйте! Хочу у вас работать.', CONSENT_TEXT],
    );
    return { applicationId: applied.application_id, studentId, name, title: posting.title };
  }
  throw new Error(
    'У демо-работодателя нет открытой вакансии или стажировки, куда может откликнуться новый студент',
  );
}

async function applicationRow(id: string) {
  const { rows } = await testDb().query<{ status: string; interview_at: Date | null }>(
    'select status, interview_at from public.applications where id = $1',
    [id],
  );
  return rows[0];
}

async function signInAs(page: Page, key: DemoKey) {
  await page.goto('/sign-in', { waitUntil: 'networkidle' });
  await page.getByLabel('Электронная почта', { exact: true }).fill(DEMO[key].email);
  await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(DEMO[key].home);
}

const isPostTo = (path: string) => (r: Response) =>
  r.request().method() === 'POST' && new URL(r.url()).pathname === path;

/** YYYY-MM-DD of a day `n` days from today in Kemerovo (UTC+7). */
const kemerovoDay = (n: number) =>
  new Date(Date.now() + 7 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

async function expectFieldError(page: Page, field: string, message: string) {
  await expect(page.locator(`#f-${field}-error`)).toHaveText(message);
  await expect(page.locator(`[name="${field}"]`).first()).toHaveAttribute('aria-invalid', 'true');
}

for (const javaScript of [true, false]) {
  test(`${javaScript ? 'with' : 'without'} JavaScript: viewed → interview → offer → accepted → hired, bad input refused in Russian`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const seeded = await studentApplies(browser);
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await signInAs(page, 'employer');

    // the home counts it among those waiting for an answer
    await expect(page.getByTestId('waiting')).toContainText('без ответа');
    if (javaScript) await expectNoAxeViolations(page);

    await page.goto(`/employer/applications?q=${encodeURIComponent(seeded.name)}`);
    const row = page.getByTestId('pipeline-row');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('status-chip')).toHaveText('Новый');
    await expect(row).toContainText(seeded.title);
    if (javaScript) await expectNoAxeViolations(page);

    await row.getByRole('link', { name: seeded.name }).click();
    const path = `/employer/applications/${seeded.applicationId}`;
    await expect(page).toHaveURL(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(seeded.name);
    await expect(page.getByTestId('status-chip')).toHaveText('Просмотрен');
    expect((await applicationRow(seeded.applicationId)).status).toBe('viewed');
    await expect(page.getByRole('region', { name: 'Резюме', exact: true })).toContainText(
      'Будущий инженер-энергетик',
    );
    await expect(page.getByRole('region', { name: 'Сопроводительное письмо' })).toContainText(
      'Хочу у вас работать',
    );
    if (javaScript) await expectNoAxeViolations(page);

    // an interview in the past: the database's message at the field, 400, nothing changed
    await page.getByLabel('Дата и время (по Кемерову)').fill(`${kemerovoDay(-1)}T10:00`);
    await page.getByLabel('Место', { exact: true }).fill('пр. Кузнецкий, 1, каб. 204');
    let posted = page.waitForResponse(isPostTo(path));
    await page.getByRole('button', { name: 'Пригласить' }).click();
    await expectStatus(await posted, 400, javaScript);
    await expectFieldError(page, 'interviewAt', 'Укажите будущие дату и время собеседования');
    expect((await applicationRow(seeded.applicationId)).status).toBe('viewed');
    if (javaScript) await expectNoAxeViolations(page);

    // tomorrow 14:30 in Kemerovo is 07:30 UTC
    const day = kemerovoDay(1);
    await page.getByLabel('Дата и время (по Кемерову)').fill(`${day}T14:30`);
    await page.getByLabel('Место', { exact: true }).fill('пр. Кузнецкий, 1, каб. 204');
    await page.getByRole('button', { name: 'Пригласить' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Приглашение на собеседование отправлено' }),
    ).toBeVisible();
    await expect(page.getByTestId('status-chip')).toHaveText('Собеседование');
    const invited = await applicationRow(seeded.applicationId);
    expect(invited.status).toBe('interview');
    expect(invited.interview_at?.toISOString()).toBe(`${day}T07:30:00.000Z`);
    const history = page.getByRole('region', { name: 'История', exact: true });
    await expect(history).toContainText('Собеседование');
    await expect(history).toContainText('пр. Кузнецкий, 1, каб. 204');

    // the offer with the vacancy's / internship's terms
    await page.getByLabel('Должность', { exact: true }).fill('Инженер-энергетик');
    await page.getByLabel('Дата начала', { exact: true }).fill(kemerovoDay(20));
    await page.getByLabel('Зарплата, ₽ в месяц (необязательно)').fill('60 000');
    await page.getByLabel('Ждём ответа до', { exact: true }).fill(kemerovoDay(7));
    await page.getByRole('button', { name: 'Отправить предложение' }).click();
    await expect(page.getByTestId('status-chip')).toHaveText('Предложение отправлено');
    expect((await applicationRow(seeded.applicationId)).status).toBe('offer');

    // the student accepts
    await asPerson(seeded.studentId, 'select public.accept_offer($1)', [seeded.applicationId]);
    await page.reload();
    await expect(page.getByTestId('status-chip')).toHaveText('Предложение принято');

    // the hire without the document's number: refused at the field, no employment
    await expect(page.getByLabel('Должность', { exact: true })).toHaveValue('Инженер-энергетик');
    await page.getByLabel('Дата документа', { exact: true }).fill(kemerovoDay(0));
    posted = page.waitForResponse(isPostTo(path));
    await page.getByRole('button', { name: 'Оформить приём' }).click();
    await expectStatus(await posted, 400, javaScript);
    await expectFieldError(page, 'documentNumber', 'Укажите номер документа');
    const none = await testDb().query('select 1 from public.employments where application_id = $1', [
      seeded.applicationId,
    ]);
    expect(none.rowCount).toBe(0);
    if (javaScript) await expectNoAxeViolations(page);

    await page.getByRole('radio', { name: 'Трудовой договор' }).check();
    await page.getByLabel('Номер документа', { exact: true }).fill('ТД-17/2026');
    await page.getByLabel('Дата документа', { exact: true }).fill(kemerovoDay(0));
    await page.getByRole('button', { name: 'Оформить приём' }).click();
    await expect(page.getByTestId('status-chip')).toHaveText('Принят на работу');
    await expect(page.getByRole('region', { name: 'Приём на работу' })).toContainText(
      'Трудовой договор № ТД-17/2026',
    );
    const { rows: employments } = await testDb().query<{ document_kind: string; status: string }>(
      'select document_kind, status from public.employments where application_id = $1',
      [seeded.applicationId],
    );
    expect(employments).toEqual([{ document_kind: 'contract', status: 'awaiting_confirmation' }]);

    // internal notes and rating
    await page.getByLabel('Оценка', { exact: true }).selectOption('5');
    await page.getByLabel('Заметки', { exact: true }).fill('Сильный кандидат, рекомендую наставника.');
    await page.getByRole('button', { name: 'Сохранить заметки' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Заметки сохранены' })).toBeVisible();
    const { rows: reviews } = await testDb().query<{ rating: number; notes: string }>(
      'select rating, notes from public.application_reviews where application_id = $1',
      [seeded.applicationId],
    );
    expect(reviews).toEqual([{ rating: 5, notes: 'Сильный кандидат, рекомендую наставника.' }]);
    if (javaScript) await expectNoAxeViolations(page);
    await context.close();
  });
}

test('the XLSX of the filtered list downloads and opens', async ({ browser, page }) => {
  const seeded = await studentApplies(browser);
  await signInAs(page, 'employer');
  await page.goto(`/employer/applications?q=${encodeURIComponent(seeded.name)}`);
  await expect(page.getByTestId('pipeline-row')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Скачать список (XLSX)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^kandidaty-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await file.path());
  const sheet = workbook.getWorksheet('Кандидаты')!;
  expect(sheet.getRow(1).getCell(1).value).toBe('ФИО');
  expect(sheet.rowCount).toBe(2);
  expect(sheet.getRow(2).getCell(1).value).toBe(seeded.name);
  expect(sheet.getRow(2).getCell(9).value).toBeInstanceOf(Date);
});

test('bulk rejection from the list reports who was rejected @phone', async ({ browser, page }) => {
  const seeded = await studentApplies(browser);
  await signInAs(page, 'employer');
  await page.goto(`/employer/applications?q=${encodeURIComponent(seeded.name)}`);
  await expectNoAxeViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // no reason chosen: the ticks stay and the field says why
  await page.getByRole('checkbox', { name: `Выбрать: ${seeded.name}` }).check();
  await page.getByRole('button', { name: 'Отказать отмеченным' }).click();
  await expect(page.locator('#f-reason-error')).toHaveText('Выберите причину отказа из списка');
  await expect(page.getByRole('checkbox', { name: `Выбрать: ${seeded.name}` })).toBeChecked();
  await page.getByLabel('Причина отказа').selectOption('position_filled');
  await page.getByRole('button', { name: 'Отказать отмеченным' }).click();
  await expect(page.getByTestId('bulk-result')).toContainText(`Отказ отправлен (1): ${seeded.name}.`);
  expect((await applicationRow(seeded.applicationId)).status).toBe('rejected');
  await expectNoAxeViolations(page);

  await page.goto(`/employer/applications/${seeded.applicationId}`);
  await expect(page.getByTestId('status-chip')).toHaveText('Отказ');
  const detailOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(detailOverflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});

test('the header’s «Отклики» counts the applications waiting for an answer @phone', async ({ page }) => {
  await signInAs(page, 'employer');
  const { rows } = await testDb().query<{ n: number }>(
    `select count(*)::int as n from public.applications a
       join public.memberships m on m.organization_id = a.organization_id
       join public.profiles p on p.id = m.profile_id
      where lower(p.email) = lower($1) and a.status in ('submitted', 'viewed')`,
    [DEMO.employer.email],
  );
  expect(rows[0].n).toBeGreaterThan(0);
  const nav = page.getByRole('navigation', { name: 'Основная навигация' });
  const link = nav.getByRole('link', { name: `Отклики ${rows[0].n} ждут ответа` });
  await expect(link).toHaveAttribute('href', '/employer/applications');
  await expect(link.getByTestId('nav-count')).toHaveText(String(rows[0].n));
  await link.click();
  await expect(page).toHaveURL('/employer/applications');
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expectNoAxeViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a posting shows how its employer answers from 5 applications on, and nothing below', async ({
  page,
}) => {
  const postingOf = async (atLeastFive: boolean) => {
    const { rows } = await testDb().query<{ id: string; n: number }>(
      `select o.id, (select count(*)::int from public.applications a
                      where a.organization_id = o.organization_id
                        and a.created_at > now() - interval '90 days') as n
         from public.opportunities o
        where o.status = 'published' and o.expires_at > now()
        order by o.published_at desc`,
    );
    const found = rows.find((r) => r.n >= 5 === atLeastFive);
    if (!found)
      throw new Error(`нет публикации работодателя с ${atLeastFive ? '5 и более' : 'менее чем 5'} откликами`);
    return found.id;
  };
  await page.goto(`/opportunities/${await postingOf(true)}`);
  const stats = page.getByTestId('response-stats');
  await expect(stats).toBeVisible();
  await expect(stats.getByRole('heading', { name: 'Как отвечает на отклики' })).toBeVisible();
  await expect(stats).toContainText('За последние 90 дней');
  await expectNoAxeViolations(page);

  await page.goto(`/opportunities/${await postingOf(false)}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('response-stats')).toHaveCount(0);
});
