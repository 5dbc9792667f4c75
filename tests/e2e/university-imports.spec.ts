import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DEMO_KEMSU_STUDENTS, seedDemoUniversity } from '../../scripts/lib/seed-university.ts';
import { practiceOrderFile } from '../factories/university-import-files.ts';
import { signInDemo } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits, testDb } from './support/db.ts';

// The demo career centre (КемГУ) uploads a practice order of 40 students: it downloads the template,
// fills it (here with exceljs, as a person would in Excel), sees the preview with nothing written,
// imports, and the placements appear; the same file again creates nothing; a file with a bad row is
// shown row by row. axe on each page, and the pages at phone width.

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const DEMO_EMPLOYER = 'АО «Кузбасский азотно-туковый комбинат»';

test.beforeAll(async () => {
  // the demo students of КемГУ (a no-op once scripts/lib/seed.ts calls the same function)
  await seedDemoUniversity(testDb(), () => {});
});

test.beforeEach(async () => {
  await clearRateLimits();
});

async function downloadTemplate(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Скачать шаблон' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('prikaz-o-praktike.xlsx');
  return readFile((await download.path())!);
}

async function innFromTemplate(template: Buffer, employer: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as never);
  const sheet = workbook.getWorksheet('Работодатели')!;
  let inn = '';
  sheet.eachRow((row) => {
    if (row.getCell(1).value === employer) inn = String(row.getCell(2).value);
  });
  expect(inn).toMatch(/^\d{10}$/);
  return inn;
}

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel('Файл XLSX (до 10 000 строк)').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
}

const importedCount = async (orderNumber: string) =>
  (
    await testDb().query<{ n: number }>(
      `select count(*)::int as n from public.practice_placements where source = 'import' and order_number = $1`,
      [orderNumber],
    )
  ).rows[0].n;

test('the demo university uploads a practice order of 40 students from the downloadable template', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInDemo(page, 'university');
  await page.goto('/university/practices');
  const template = await downloadTemplate(page);
  const inn = await innFromTemplate(template, DEMO_EMPLOYER);

  const orderNumber = `${Date.now() % 100000}-с`;
  const students = DEMO_KEMSU_STUDENTS.filter((s) => s.confirmed);
  expect(students).toHaveLength(40);
  const file = await practiceOrderFile(
    students.map((s, i) => ({
      name: s.fullName,
      birthDate: s.birthDate,
      okso: s.programmeCode,
      inn,
      practiceType: i % 3 === 0 ? 'учебная' : 'производственная',
      startsOn: inDays(30),
      endsOn: inDays(58),
      orderNumber,
      orderDate: inDays(-1),
      supervisor: 'Соколова М. А., руководитель центра карьеры',
    })),
    template,
  );

  await upload(page, 'prikaz.xlsx', file);
  const preview = page.getByRole('region', { name: 'Проверка файла «prikaz.xlsx»: ничего не записано' });
  await expect(preview).toContainText('Всего: 40 строк');
  await expect(preview).toContainText('Будут созданы: 40 строк');
  await expect(preview).toContainText('С ошибками: 0 строк');
  expect(await importedCount(orderNumber)).toBe(0);
  await expectNoAxeViolations(page);

  await preview.getByRole('button', { name: 'Загрузить: 40 строк' }).click();
  await expect(page.getByRole('status')).toContainText(
    'Приказ загружен: создано практик — 40, уже были — 0.',
  );
  expect(await importedCount(orderNumber)).toBe(40);
  const all = page.getByRole('region', { name: /Все практики/ });
  await expect(all.getByRole('link', { name: students[0].fullName })).toBeVisible();
  await expect(all.getByRole('link', { name: students[39].fullName })).toBeVisible();
  await expectNoAxeViolations(page);

  // the same file again: nothing new
  await upload(page, 'prikaz.xlsx', file);
  await expect(preview).toContainText('Уже загружены: 40 строк');
  await expect(preview).toContainText('Всё из этого файла уже загружено: записывать нечего.');
  expect(await importedCount(orderNumber)).toBe(40);

  // the home counts them by programme and year
  await page.goto('/university');
  await expect(page.getByRole('heading', { name: 'Итоги студентов по направлениям и годам' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a file with errors is shown row by row and nothing is written until only the valid rows are chosen', async ({
  page,
}) => {
  await signInDemo(page, 'university');
  await page.goto('/university/practices');
  const template = await downloadTemplate(page);
  const inn = await innFromTemplate(template, DEMO_EMPLOYER);
  const unconfirmed = DEMO_KEMSU_STUDENTS.find((s) => !s.confirmed)!;
  const ok = DEMO_KEMSU_STUDENTS[0];
  const orderNumber = `${Date.now() % 100000}-п`;
  const row = (s: (typeof DEMO_KEMSU_STUDENTS)[number], extra = {}) => ({
    name: s.fullName,
    birthDate: s.birthDate,
    okso: s.programmeCode,
    inn,
    practiceType: 'преддипломная',
    startsOn: inDays(100),
    endsOn: inDays(120),
    orderNumber,
    orderDate: inDays(-1),
    ...extra,
  });
  const file = await practiceOrderFile(
    [row(ok), row(unconfirmed), row(ok, { inn: inn.slice(0, 9) + String((Number(inn[9]) + 1) % 10) })],
    template,
  );
  await upload(page, 'oshibki.xlsx', file);
  const errors = page.getByRole('table', { name: 'Ошибки по строкам' });
  await expect(errors.getByRole('row').filter({ hasText: 'студент ещё не подтверждён вузом' })).toContainText(
    '3',
  );
  await expect(errors.getByRole('row').filter({ hasText: 'не сходится контрольная цифра' })).toContainText(
    'ИНН работодателя',
  );
  await expectNoAxeViolations(page);
  expect(await importedCount(orderNumber)).toBe(0);
  await page.getByRole('button', { name: 'Загрузить только верные: 1 строка' }).click();
  await expect(page.getByRole('status')).toContainText('создано практик — 1');
  expect(await importedCount(orderNumber)).toBe(1);
});

test('@phone the upload pages and the home fit a phone and pass axe', async ({ page }) => {
  await signInDemo(page, 'university');
  for (const path of ['/university', '/university/practices', '/university/students']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  }
  // the student list's template downloads too
  await page.goto('/university/students');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Скачать шаблон' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('spisok-studentov.xlsx');
});
