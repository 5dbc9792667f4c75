import { expect, test, type Browser, type Page, type Response } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, type DemoKey } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expectStatus } from './support/colleagues.ts';
import { clearRateLimits, testDb } from './support/db.ts';

// Each test signs a demo person in; the whole run shares one IP and the sign-in limits.
test.beforeEach(async () => {
  await clearRateLimits();
});

/** A small real PDF (one empty page), made here: what a student would upload. */
function tinyPdf(note: string): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
      `% ${note}`,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

async function signInAs(page: Page, key: DemoKey) {
  await page.goto('/sign-in', { waitUntil: 'networkidle' });
  await page.getByLabel('Электронная почта', { exact: true }).fill(DEMO[key].email);
  await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(DEMO[key].home);
}

async function newSignedInPage(browser: Browser, key: DemoKey, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await signInAs(page, key);
  return page;
}

async function studentResume() {
  const { rows } = await testDb().query<{
    headline: string | null;
    skills: string[];
    experience: { title: string; organization: string | null; from: string; to: string | null }[];
    languages: { language: string; level: string }[];
    desired_kinds: string[];
    attachment_id: string | null;
  }>(`select r.* from public.resumes r join public.profiles p on p.id = r.profile_id where p.email = $1`, [
    DEMO.student.email,
  ]);
  return rows[0];
}

async function studentFileCount(): Promise<number> {
  const { rows } = await testDb().query<{ n: number }>(
    `select count(*)::int as n from public.files f join public.profiles p on p.id = f.owner_id where p.email = $1`,
    [DEMO.student.email],
  );
  return rows[0].n;
}

const isPostTo = (action: string) => (r: Response) =>
  r.request().method() === 'POST' && new URL(r.url()).search === `?/${action}`;

async function uploadPdf(page: Page, name: string, buffer: Buffer): Promise<Response> {
  await page
    .getByLabel(/^(PDF-файл|Заменить файл)$/)
    .setInputFiles({ name, mimeType: 'application/pdf', buffer });
  const posted = page.waitForResponse(isPostTo('attachment'));
  await page.getByRole('button', { name: 'Загрузить PDF' }).click();
  return posted;
}

/** The file behind the résumé's link is served to its owner with the private, download-only headers. */
async function expectOwnerDownload(page: Page, fileId: string, bytes: Buffer, fileName: string) {
  const link = page.getByTestId('attachment').getByRole('link', { name: fileName });
  await expect(link).toHaveAttribute('href', `/files/${fileId}`);
  const response = await page.request.get(`/files/${fileId}`);
  expect(response.status()).toBe(200);
  expect(Buffer.from(await response.body()).equals(bytes)).toBe(true);
  const headers = response.headers();
  expect(headers['content-type']).toBe('application/pdf');
  expect(headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
  expect(headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toBe('private, no-store');
}

/** Empties what an earlier run (or the demo data) left: ticked skills, entries and languages. */
async function clearResumeForm(page: Page) {
  for (const skill of await page.getByRole('list', { name: 'Ваши навыки' }).getByRole('checkbox').all()) {
    await skill.uncheck();
  }
  for (const entry of await page.getByTestId('experience-entry').all()) {
    for (const label of [
      'Должность или название проекта',
      'Организация',
      'Начало (месяц)',
      'Окончание (месяц)',
    ]) {
      await entry.getByLabel(label, { exact: true }).fill('');
    }
    await entry.getByLabel('Что делали', { exact: true }).fill('');
  }
  for (const row of await page.getByTestId('language-entry').all()) {
    await row.locator('input').fill('');
    await row.locator('select').selectOption('');
  }
}

for (const javaScript of [true, false]) {
  const mode = javaScript ? 'with' : 'without';
  test(`${mode} JavaScript: the demo student fills the résumé with one experience entry and uploads a PDF`, async ({
    browser,
  }) => {
    const page = await newSignedInPage(browser, 'student', javaScript);
    await page.goto('/student/resume', { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 1, name: 'Резюме' })).toBeVisible();
    // education comes from the profile, not typed again
    const education = page.getByRole('region', { name: 'Образование', exact: true });
    await expect(education).toContainText('Кузбасский государственный технический университет');
    await expect(education.getByRole('link', { name: /в профиле/ })).toHaveAttribute('href', '/profile');

    await clearResumeForm(page);
    const headline = `Инженер-электрик ${mode} JS ${Date.now()}`;
    await page.getByLabel('Желаемая должность или заголовок резюме').fill(headline);
    await page.getByLabel('Средний балл (необязательно)').fill('4,7');
    await page.getByLabel('О себе').fill('Учусь на электроэнергетике, люблю наладку.');

    // «Добавить ещё запись» adds a row: in place with JavaScript, by a round trip without it — and
    // what was typed stays either way
    const entries = page.getByTestId('experience-entry');
    const before = await entries.count();
    await page.getByRole('button', { name: 'Добавить ещё запись' }).click();
    await expect(entries).toHaveCount(before + 1);
    await expect(page.getByLabel('Желаемая должность или заголовок резюме')).toHaveValue(headline);

    const skills = page.getByLabel('Добавить навыки');
    if (javaScript) {
      await skills.fill('AutoCAD');
      await skills.press('Enter');
      await expect(page.getByRole('checkbox', { name: 'AutoCAD' })).toBeChecked();
      await skills.fill('Python, autocad');
    } else {
      await skills.fill('AutoCAD, Python, autocad');
    }
    const first = entries.first();
    await first.getByLabel('Вид', { exact: true }).selectOption('work');
    await first.getByLabel('Должность или название проекта').fill('Практикант службы релейной защиты');
    await first.getByLabel('Организация').fill('ПАО «Россети Сибирь» — «Кузбассэнерго-РЭС»');
    await first.getByLabel('Начало (месяц)').fill('2024-06');
    await first.getByLabel('Окончание (месяц)').fill('2024-08');
    await page.getByLabel('Язык 1', { exact: true }).fill('Английский');
    await page.getByLabel('Уровень языка 1').selectOption('B1');
    await page.getByRole('group', { name: 'Вид', exact: true }).getByLabel('Стажировка').check();
    await page.getByLabel('Портфолио').fill('https://example.ru/portfolio');
    await page.getByRole('button', { name: 'Сохранить резюме' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Резюме сохранено.' })).toBeVisible();

    const saved = await studentResume();
    expect(saved.headline).toBe(headline);
    expect(saved.skills).toEqual(['AutoCAD', 'Python']);
    expect(saved.experience).toEqual([
      {
        kind: 'work',
        title: 'Практикант службы релейной защиты',
        organization: 'ПАО «Россети Сибирь» — «Кузбассэнерго-РЭС»',
        from: '2024-06',
        to: '2024-08',
        description: null,
      },
    ]);
    expect(saved.languages).toEqual([{ language: 'Английский', level: 'B1' }]);
    expect(saved.desired_kinds).toContain('internship');
    // the page shows what was stored
    await expect(page.getByLabel('Желаемая должность или заголовок резюме')).toHaveValue(headline);
    await expect(page.getByRole('checkbox', { name: 'Python' })).toBeChecked();

    const fileName = `Резюме ${mode} JS.pdf`;
    const bytes = tinyPdf(`${mode} ${Date.now()}`);
    const uploaded = await uploadPdf(page, fileName, bytes);
    expect(uploaded.status()).toBe(200);
    await expect(page.getByRole('status').filter({ hasText: 'Файл загружен.' })).toBeVisible();
    const fileId = (await studentResume()).attachment_id;
    expect(fileId).toBeTruthy();
    await expectOwnerDownload(page, fileId!, bytes, fileName);

    // anybody else gets the same 404 as for a file that does not exist
    const employer = await newSignedInPage(browser, 'employer');
    expect((await employer.request.get(`/files/${fileId}`)).status()).toBe(404);
    const graduate = await newSignedInPage(browser, 'graduate');
    expect((await graduate.request.get(`/files/${fileId}`)).status()).toBe(404);
    const anonymous = await browser.newContext();
    expect((await anonymous.request.get(`/files/${fileId}`)).status()).toBe(404);
    expect((await page.request.get('/files/not-a-uuid')).status()).toBe(404);
    await Promise.all([employer.context().close(), graduate.context().close(), anonymous.close()]);
    await page.context().close();
  });

  test(`${mode} JavaScript: non-PDF bytes named .pdf and a 6 MB file are refused at the field, nothing written`, async ({
    browser,
  }) => {
    const page = await newSignedInPage(browser, 'student', javaScript);
    await page.goto('/student/resume', { waitUntil: 'networkidle' });
    const files = await studentFileCount();
    const attachedBefore = (await studentResume())?.attachment_id ?? null;

    const fake = await uploadPdf(
      page,
      'resume.pdf',
      Buffer.from('MZ\x90\x00 not a pdf at all %%EOF', 'latin1'),
    );
    await expectStatus(fake, 400, javaScript);
    await expect(page.locator('#f-attachment-error')).toHaveText(
      'PDF-файл: это не PDF — загрузите файл в формате PDF',
    );
    await expect(page.locator('#f-attachment')).toHaveAttribute('aria-invalid', 'true');

    const big = Buffer.alloc(6 * 1024 * 1024, 0x20);
    tinyPdf('big').copy(big);
    const tooBig = await uploadPdf(page, 'большое.pdf', big);
    await expectStatus(tooBig, 413, javaScript);
    await expect(page.locator('#f-attachment-error')).toHaveText('PDF-файл: не больше 5 МБ');

    expect(await studentFileCount()).toBe(files);
    expect((await studentResume())?.attachment_id ?? null).toBe(attachedBefore);
    await page.context().close();
  });
}

test('a bad value is refused at its field in Russian, and what was typed stays', async ({ page }) => {
  await signInAs(page, 'student');
  await page.goto('/student/resume', { waitUntil: 'networkidle' });
  const before = await studentResume();
  await page.getByLabel('Средний балл (необязательно)').fill('7');
  await page.getByLabel('GitHub').fill('github.com/без-протокола');
  const entry = page.getByTestId('experience-entry').first();
  await entry.getByLabel('Должность или название проекта').fill('Лаборант');
  await entry.getByLabel('Начало (месяц)').fill('');
  await page.getByRole('button', { name: 'Сохранить резюме' }).click();
  await expect(page.locator('#f-averageGrade-error')).toHaveText(
    'Средний балл — число от 2 до 5, например 4,5',
  );
  await expect(page.locator('#f-githubUrl-error')).toHaveText(
    'GitHub: адрес должен начинаться с http:// или https://',
  );
  await expect(page.locator('#f-exp-0-from-error')).toHaveText('Опыт: укажите месяц начала');
  await expect(page.getByLabel('GitHub')).toHaveValue('github.com/без-протокола');
  await expectNoAxeViolations(page);
  expect(await studentResume()).toEqual(before);
});

test('axe: the résumé page and its print view have no violations; the print view shows the résumé', async ({
  page,
}) => {
  await signInAs(page, 'student');
  // the student's home leads to the résumé
  await expectNoAxeViolations(page);
  await page
    .getByRole('region', { name: 'Резюме', exact: true })
    .getByRole('link', { name: 'Заполнить резюме' })
    .click();
  await expect(page).toHaveURL('/student/resume');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Версия для печати' }).click();
  await expect(page).toHaveURL('/student/resume/print');
  const resume = page.getByRole('article', { name: /^Резюме:/ });
  await expect(resume.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(resume.getByRole('region', { name: 'Образование', exact: true })).toContainText(
    'Кузбасский государственный технический университет',
  );
  await expectNoAxeViolations(page);
  // on paper only the résumé: the site's header and the buttons are hidden
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Печать' })).toBeHidden();
  await expect(resume).toBeVisible();
});

test('@phone the résumé page has no horizontal scroll', async ({ page }) => {
  await signInAs(page, 'student');
  await page.goto('/student/resume');
  await expect(page.getByRole('heading', { level: 1, name: 'Резюме' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.goto('/student/resume/print');
  const printOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(printOverflow).toBeLessThanOrEqual(0);
});
