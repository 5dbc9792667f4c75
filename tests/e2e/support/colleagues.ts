import { expect, type Page, type Response } from '@playwright/test';
import { testDb } from './db.ts';

/**
 * The «Коллеги» block (OrganizationColleagues.svelte), as employers see it on /employer/organization
 * and university staff on /university: the invitation form and the invitations still open.
 */

const isPostTo = (path: string) => (r: Response) =>
  r.request().method() === 'POST' && new URL(r.url()).pathname === path;

/** An enhanced form posts with fetch and SvelteKit answers 200 with the action's own status. */
export async function expectStatus(response: Response, status: number, enhanced: boolean) {
  if (enhanced) {
    expect((await response.json()) as unknown).toMatchObject({ type: 'failure', status });
  } else {
    expect(response.status()).toBe(status);
  }
}

/** Every invitation ever sent to this address, oldest first: revoked? accepted? */
export async function openInvitations(email: string): Promise<{ revoked: boolean; accepted: boolean }[]> {
  const { rows } = await testDb().query<{ revoked: boolean; accepted: boolean }>(
    `select revoked_at is not null as revoked, accepted_at is not null as accepted
       from public.invitations where lower(email) = lower($1) order by created_at`,
    [email],
  );
  return rows;
}

/** Submits the invitation form on the page at `path` with this address and returns the POST's response. */
export async function sendInvitation(page: Page, path: string, email: string): Promise<Response> {
  const section = page.getByRole('region', { name: 'Пригласить коллегу' });
  await section.getByLabel('Электронная почта коллеги').fill(email);
  const posted = page.waitForResponse(isPostTo(path));
  await section.getByRole('button', { name: 'Отправить приглашение' }).click();
  return posted;
}

/** Revokes the open invitation for this address from the list and checks it is gone, on the page and in the database. */
export async function revokeInvitation(page: Page, email: string): Promise<void> {
  const pending = page.getByRole('region', { name: 'Приглашения, ждущие ответа' });
  await pending.getByRole('button', { name: `Отозвать приглашение для ${email}` }).click();
  await expect(pending.getByRole('status')).toHaveText(
    `Приглашение для ${email} отозвано: ссылка из письма больше не работает.`,
  );
  await expect(pending.getByRole('row', { name: new RegExp(email) })).toHaveCount(0);
}
