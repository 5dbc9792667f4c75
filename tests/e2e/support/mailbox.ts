import { quoted } from '../../../src/lib/i18n/quotes.ts';
import { expect, type Page } from '@playwright/test';

/**
 * The development mailbox (/dev/mailbox) of the embedded stack: letters are stored in the database
 * and the worker marks them «сохранено» once it has "sent" them. Tests read letters the way a
 * developer does — through the page — and follow the links in their text.
 */
export async function openLetter(page: Page, to: string, subject: string | RegExp): Promise<void> {
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: subject }) })
    .first();
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    // Listed as soon as it is queued; «сохранено» proves the worker has processed it.
    await expect(row).toContainText('сохранено', { timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [250, 500, 1_000] });
  await row.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
  await expect(page.locator('dd').first()).toHaveText(to);
}

/** The text of the open letter. */
export async function letterText(page: Page): Promise<string> {
  return (await page.locator('pre.mail-text').textContent()) ?? '';
}

/** Follows the (only or first) link in the text of the open letter that starts with `prefix`. */
export async function followLetterLink(page: Page, prefix: string | RegExp): Promise<string> {
  const links = page.locator('pre.mail-text a');
  const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  const index = hrefs.findIndex((h) => (typeof prefix === 'string' ? h.startsWith(prefix) : prefix.test(h)));
  expect(index, `ссылка ${String(prefix)} в письме: ${hrefs.join(', ')}`).toBeGreaterThanOrEqual(0);
  const href = hrefs[index];
  await links.nth(index).click();
  return href;
}

/** Opens the letter and follows its link: what a person does with a verification email. */
export async function followLinkInLetter(
  page: Page,
  to: string,
  subject: string | RegExp,
  linkPrefix: string | RegExp,
): Promise<string> {
  await openLetter(page, to, subject);
  return followLetterLink(page, linkPrefix);
}

export const SUBJECTS = {
  verify: 'Подтвердите адрес электронной почты — КемероVоПРОФИ',
  reset: 'Восстановление пароля — КемероVоПРОФИ',
  changeEmail: 'Подтвердите смену адреса электронной почты — КемероVоПРОФИ',
  invitation: /^Приглашение в организацию «.+» — КемероVоПРОФИ$/,
  employerVerified: (org: string) => `Организация ${quoted(org)} подтверждена — КемероVоПРОФИ`,
  employerRejected: (org: string) => `Организация ${quoted(org)} не прошла проверку — КемероVоПРОФИ`,
};
