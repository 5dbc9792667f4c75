import { expect, test, type Page } from '@playwright/test';
import { signInDemo, uniqueEmail } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import {
  expectStatus,
  openInvitations,
  revokeInvitation,
  sendInvitation as sendInvitationOn,
} from './support/colleagues.ts';
import { clearRateLimits } from './support/db.ts';
import { followLinkInLetter, SUBJECTS } from './support/mailbox.ts';

// University staff have the same «Коллеги» block as employers (OrganizationColleagues.svelte), on
// their home page: a university is always free to invite, no verification needed.

test.beforeEach(async () => {
  await clearRateLimits();
});

const sendInvitation = (page: Page, email: string) => sendInvitationOn(page, '/university', email);

for (const javaScript of [true, false]) {
  test(`${javaScript ? 'with' : 'without'} JavaScript: university staff see their pending invitation and revoke it`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await signInDemo(page, 'university');
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('colleagues')).toContainText('Марина Александровна Соколова');
    const fieldError = page.locator('#f-email-error');

    for (const [email, message] of [
      ['', 'Укажите адрес электронной почты коллеги'],
      ['не-адрес', 'Адрес электронной почты указан неверно'],
    ]) {
      await expectStatus(await sendInvitation(page, email), 400, javaScript);
      await expect(fieldError).toHaveText(message);
      await expect(page.getByLabel('Электронная почта коллеги')).toHaveAttribute('aria-invalid', 'true');
      expect(await openInvitations(email)).toEqual([]);
    }

    const email = uniqueEmail(javaScript ? 'uni-revoke-js' : 'uni-revoke-nojs');
    await sendInvitation(page, email);
    await expect(page.getByRole('region', { name: 'Пригласить коллегу' }).getByRole('status')).toHaveText(
      `Приглашение отправлено на ${email}.`,
    );
    const row = page.getByTestId('pending-invitation').filter({ hasText: email });
    await expect(row).toHaveCount(1);
    expect(await openInvitations(email)).toEqual([{ revoked: false, accepted: false }]);

    await revokeInvitation(page, email);
    expect(await openInvitations(email)).toEqual([{ revoked: true, accepted: false }]);

    // The letter went out before the revocation; its link, opened by the invitee (signed out), no
    // longer offers the form.
    await context.close();
    const invitee = await browser.newContext({ javaScriptEnabled: javaScript });
    const letter = await invitee.newPage();
    await followLinkInLetter(letter, email, SUBJECTS.invitation, /\/invite\/[^/?#]+$/);
    await expect(letter.getByRole('alert')).toHaveText(
      'Приглашение недействительно или устарело. Попросите прислать новое.',
    );
    await expect(letter.getByRole('button', { name: 'Принять приглашение' })).toHaveCount(0);
    await invitee.close();
  });
}

test('axe: the university home with colleagues, an open invitation and a refused address', async ({
  page,
}) => {
  await signInDemo(page, 'university');
  await page.waitForLoadState('networkidle');
  await sendInvitation(page, uniqueEmail('uni-axe'));
  await expect(page.getByRole('region', { name: 'Пригласить коллегу' }).getByRole('status')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Приглашения, ждущие ответа' })).toBeVisible();
  await expectNoAxeViolations(page);
  await sendInvitation(page, 'не-адрес');
  await expect(page.locator('#f-email-error')).toBeVisible();
  await expectNoAxeViolations(page);
});
