import { defineConfig, devices } from '@playwright/test';
import { fixedPorts } from './scripts/lib/fixed-ports.ts';

/**
 * End-to-end tests in Chromium against the real app on its own embedded stack (fresh data folder,
 * ports apart from `npm start`), started by the same launcher as `npm start`. Playwright cannot
 * download browsers here: CHROMIUM_PATH (default /usr/bin/chromium) points at Debian's Chromium.
 */
// Ports below 32768 stay clear of Linux's range for outgoing connections (scripts/lib/fixed-ports.ts).
const ports = fixedPorts().e2e;
const PORT = ports.app;
export const E2E_ENV = {
  DATA_DIR: '.data/test-e2e',
  PORT: String(PORT),
  ORIGIN: `http://127.0.0.1:${PORT}`,
  PG_PORT: String(ports.postgres),
  SUPABASE_PORT: String(ports.gateway),
  POSTGREST_PORT: String(ports.postgrest),
  POSTGREST_ADMIN_PORT: String(ports.postgrestAdmin),
  MEILI_PORT: String(ports.meilisearch),
  // letters about applications leave at once instead of waiting 5 minutes for more changes
  APPLICATION_LETTERS_DELAY_SECONDS: '0',
  // the tests write records straight into the database (seeds) and expect the indicators to show
  // them at once; the cache itself is proven by tests/integration/indicators-paging.test.ts
  INDICATORS_CACHE_SECONDS: '0',
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'ru-RU',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'phone', use: { ...devices['Pixel 7'], channel: undefined }, grep: /@phone/ },
  ],
  webServer: {
    command: 'node scripts/start.ts --fresh',
    url: `http://127.0.0.1:${PORT}/healthz`,
    env: {
      ...E2E_ENV,
      DATABASE_URL: '',
      SUPABASE_URL: '',
      POSTGREST_URL: '',
      MEILISEARCH_URL: '',
      SMTP_URL: '',
    },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
