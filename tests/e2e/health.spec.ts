import { expect, test } from '@playwright/test';

test('/healthz answers 200 with every part ok', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-store');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body.status).toBe('ok');
  const parts = ['postgres', 'postgrest', 'meilisearch', 'worker', 'mail'];
  for (const part of parts) {
    expect(body[part], part).toMatchObject({ ok: true, ms: expect.any(Number) });
  }
  // Nothing reported that is not ok.
  for (const [name, state] of Object.entries(body)) {
    if (name !== 'status') expect(state, name).toMatchObject({ ok: true });
  }
});
