import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Download } from '@playwright/test';
import { seedDemoIndicators } from '../../scripts/lib/seed-indicators.ts';
import { signInDemo } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits, testDb } from './support/db.ts';

/**
 * Exports of the indicators in Chromium (issue 9 item 5): the administration downloads the passport
 * as XLSX (read back with exceljs) and a drill-down list as CSV, and opens the print view of the
 * report. The files must hold the dashboard's numbers: practices 2023 are 4 of 600 (demo records);
 * the 30-hire counter is read from the dashboard (the demo hires register adds to it).
 */

test.beforeAll(async () => {
  await seedDemoIndicators(() => {}, testDb());
});

test.beforeEach(async () => {
  await clearRateLimits();
});

async function bytesOf(download: Download): Promise<Buffer> {
  return readFileSync((await download.path())!);
}

test('the passport downloads as XLSX in the passport layout with the dashboard numbers', async ({ page }) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/indicators');
  const hired = Number(await page.getByTestId('hires-count').textContent());
  expect(hired).toBeGreaterThan(0);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Паспорт в Excel (XLSX)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Паспорт показателей — .+\.xlsx$/);
  const bytes = await bytesOf(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const sheet = workbook.getWorksheet('Паспорт')!;
  expect(sheet.getCell('A1').value).toBe('Показатели муниципального проекта #КемероVоПРОФИ');
  expect(String(sheet.getCell('A2').value)).toContain('01.02.2023 – 31.08.2025');
  expect([5, 8, 11].map((c) => sheet.getCell(5, c).value)).toEqual([2023, 2024, 2025]);
  expect(sheet.getCell(5, 14).value).toBe('Рост / снижение');
  const byName = new Map<string, unknown[]>();
  sheet.eachRow((row, n) => {
    if (n >= 7) byName.set(String(row.getCell(2).value), (row.values as unknown[]).slice(1));
  });
  expect(byName.size).toBe(8);
  const practices = byName.get('Количество организованных практик между предприятиями и вузами')!;
  expect(practices.slice(2, 7)).toEqual(['ед.', 578, 600, 4, 0.7]);
  const hires = byName.get('Трудоустройство выпускников вузов на предприятия города Кемерово')!;
  expect(hires.slice(10)).toEqual([30, hired, Math.round((hired / 30) * 1000) / 10, 'рост']);
  const vacancies = [...byName.entries()].find(([name]) => name.startsWith('Доля сокращения вакансий'))!;
  expect(vacancies[1].at(-1)).toBe('снижение');
  const rules = workbook.getWorksheet('Как считается')!;
  expect(rules.rowCount).toBe(9);
});

test('a drill-down list downloads as CSV with the page filters', async ({ page }) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/indicators');
  await page
    .locator('[data-indicator="graduates_hired"]')
    .getByRole('row', { name: /^2024 / })
    .getByRole('link', { name: /\(записи\)$/ })
    .click();
  await expect(page).toHaveURL(/\/admin\/indicators\/graduates_hired\?period=[0-9a-f-]+&year=2024$/);
  await expectNoAxeViolations(page);
  await page.getByLabel('Вуз').selectOption('КемГМУ');
  await page.getByRole('button', { name: 'Применить' }).click();
  await expect(page).toHaveURL(/university=/);
  const shown = await page.locator('table.records tbody tr').count();
  expect(shown).toBeGreaterThan(0);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/, 2024 — записи\.csv$/);
  const text = (await bytesOf(file)).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split('\r\n').filter(Boolean);
  expect(lines[0].split(';')).toEqual([
    'Кто',
    'Запись',
    'Работодатель',
    'Вуз',
    'Начало',
    'Окончание',
    'Учтено на',
    'Документ',
    'Статус',
    'Источник',
  ]);
  expect(lines).toHaveLength(shown + 1);
  for (const line of lines.slice(1)) {
    const fields = line.split(';');
    expect(fields[3]).toBe('КемГМУ');
    expect(fields[4]).toMatch(/^\d\d\.\d\d\.20\d\d$/);
  }

  const xlsx = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Excel (XLSX)' }).click();
  const bytes = await bytesOf(await xlsx);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  expect(workbook.getWorksheet('Записи 2024')!.rowCount).toBe(shown + 1);
});

test('the print view shows the passport table and the 30-hire progress, alone on paper', async ({ page }) => {
  await signInDemo(page, 'admin');
  await page.goto('/admin/indicators');
  const hired = Number(await page.getByTestId('hires-count').textContent());
  await page.getByRole('link', { name: 'Отчёт для печати' }).click();
  await expect(page).toHaveURL(/\/admin\/indicators\/print\?period=/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Показатели муниципального проекта #КемероVоПРОФИ' }),
  ).toBeVisible();
  const percent = String(Math.round((hired / 30) * 1000) / 10).replace('.', ',');
  await expect(page.getByTestId('print-hires')).toContainText(
    `${hired} из 30 к 31.08.2025 (${percent} % цели)`,
  );
  await expect(page.getByRole('img', { name: new RegExp(`сейчас ${hired}$`) })).toBeVisible();
  const table = page.getByTestId('passport-table');
  await expect(table.locator('tbody tr')).toHaveCount(8);
  await expect(table.locator('[data-indicator="organized_practices"]')).toContainText('600');
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Печать' })).toBeHidden();
  await expect(page.locator('header').first()).toBeHidden();
  await expect(table).toBeVisible();
});

test('other roles get no export', async ({ page }) => {
  await signInDemo(page, 'employer');
  for (const path of [
    '/admin/indicators/passport.xlsx',
    '/admin/indicators/graduates_hired/records.csv?year=2024',
    '/admin/indicators/graduates_hired/records.xlsx?year=2024',
    '/admin/indicators/print',
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
    expect(await response.text()).not.toContain('Воронцова');
  }
});
