/**
 * The administration imports a hires register (issue 9 item 4): downloads the template, fills it
 * (here with exceljs, as Excel would), uploads it, sees the preview with the bad row's message,
 * fixes the file, imports it, sees the import listed, and undoes it. axe on every page; phone width.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { demoInn } from '../../scripts/lib/demo-organizations.ts';
import { signInDemo } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';

const EMPLOYER_INN = demoInn(1);
const BAD_INN = EMPLOYER_INN.slice(0, 9) + String((Number(EMPLOYER_INN[9]) + 1) % 10);

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function upload(page: Page, fileName: string, buffer: Buffer) {
  await page.goto('/admin/imports');
  await page.getByLabel('Реестр').selectOption({ label: 'Трудоустройство' });
  await page.getByLabel('Файл XLSX или CSV').setInputFiles({
    name: fileName,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(page).toHaveURL(/\/admin\/imports\/[0-9a-f-]{36}$/);
}

test('the admin imports a hires register from the template, fixing a bad row first, and undoes it', async ({
  page,
}) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/imports');
  await expect(page.getByRole('heading', { level: 1, name: 'Импорт реестров' })).toBeVisible();
  await expectNoAxeViolations(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Шаблон «Трудоустройство» (XLSX)' }).click();
  const template = await download;
  const workbook = new ExcelJS.Workbook();
  const bytes = readFileSync((await template.path())!);
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const sheet = workbook.getWorksheet('Реестр')!;
  expect(sheet.getRow(1).values).toEqual([
    undefined,
    'ФИО',
    'Дата рождения',
    'Вуз',
    'Код ОКСО',
    'Год выпуска',
    'ИНН работодателя',
    'Должность',
    'Дата приёма',
    'Документ',
  ]);
  expect(workbook.getWorksheet('Инструкция')).toBeDefined();

  const run = Date.now()
    .toString(36)
    .replace(/\d/g, (d) => 'абвгдежзик'[Number(d)]);
  const fill = (inn: string) => {
    sheet.getRow(2).values = [
      `Тестова Ирина ${run}`,
      new Date(Date.UTC(2001, 2, 12)),
      'КузГТУ',
      '18.03.01',
      2023,
      EMPLOYER_INN,
      'Инженер-технолог',
      new Date(Date.UTC(2023, 6, 3)),
      'Приказ № 214-к от 30.06.2023',
    ];
    sheet.getRow(3).values = [
      `Проверкин Олег ${run}`,
      '05.11.2000',
      'КузГТУ',
      '13.03.02',
      2023,
      inn,
      'Инженер-электрик',
      '01.08.2023',
      'Трудовой договор № 57/2023',
    ];
  };

  fill(BAD_INN);
  await upload(page, `реестр-${run}.xlsx`, Buffer.from(await workbook.xlsx.writeBuffer()));
  await expect(page.getByRole('cell', { name: `неверная контрольная сумма ИНН ${BAD_INN}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Импортировать' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  fill(EMPLOYER_INN);
  await upload(page, `реестр-${run}.xlsx`, Buffer.from(await workbook.xlsx.writeBuffer()));
  await expect(page.getByRole('heading', { name: 'Ошибок нет' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Импортировать' }).click();
  await expect(page.getByText('Импорт выполнен: создано записей — 2.')).toBeVisible();
  const importUrl = page.url();

  await page.goto('/admin/imports');
  const row = page.getByRole('row').filter({ hasText: `реестр-${run}.xlsx` });
  await expect(row).toHaveCount(2);
  await expect(
    row.filter({ has: page.getByRole('cell', { name: 'Импортирован', exact: true }) }),
  ).toHaveCount(1);
  await expect(
    row.filter({ has: page.getByRole('cell', { name: 'Проверен, не импортирован', exact: true }) }),
  ).toHaveCount(1);

  await page.goto(importUrl);
  await page.getByRole('button', { name: 'Отменить импорт' }).click();
  await expect(page.getByText('Импорт отменён: записей отменено — 2.')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.setViewportSize({ width: 375, height: 800 });
  await noHorizontalScroll(page);
  await page.goto('/admin/imports');
  await noHorizontalScroll(page);
  await page.goto('/admin/vacancy-bank');
  await expectNoAxeViolations(page);
});

test('the vacancy bank: a number typed in without JavaScript, field messages for bad input', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInDemo(page, 'admin');
  await page.goto('/admin/vacancy-bank');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.locator('#f-total-error')).toHaveText('Укажите число вакансий');
  // a day of its own per run (the e2e database may be reused): one manual snapshot per date
  const day = new Date(Date.UTC(2001, 0, 1) + (Date.now() % 7000) * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Дата снимка').fill(day);
  await page.getByLabel('Открытых вакансий в Кемерове').fill('10 728');
  await page.getByLabel('Источник').fill('Банк вакансий ЦЗН г. Кемерово');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Снимок сохранён: 10 728 вакансий.')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: day.split('-').reverse().join('.') })).toBeVisible();
  await page.setViewportSize({ width: 375, height: 800 });
  await noHorizontalScroll(page);
  await context.close();
});
