/**
 * The demo log-ins that `npm start` seeds into its embedded database (or, with `--demo`, into any)
 * and prints: one per role, all with the published password. The production app refuses to start
 * while one of them can still sign in with it (find-demo-password-accounts.ts).
 */
export const DEMO_PASSWORD = 'Kuzbass-Demo-2026';

export const DEMO_ACCOUNTS = [
  { key: 'student', label: 'Студент (КузГТУ)', email: 'student@demo.kemerovo-profi.ru' },
  { key: 'graduate', label: 'Выпускник (КемГУ)', email: 'graduate@demo.kemerovo-profi.ru' },
  { key: 'employer', label: 'Работодатель (проверен)', email: 'hr@demo.kemerovo-profi.ru' },
  { key: 'employerPending', label: 'Работодатель (на проверке)', email: 'pending@demo.kemerovo-profi.ru' },
  { key: 'university', label: 'Сотрудник вуза (КемГУ)', email: 'career@demo.kemerovo-profi.ru' },
  { key: 'admin', label: 'Администрация города', email: 'admin@demo.kemerovo-profi.ru' },
] as const;

export type DemoKey = (typeof DEMO_ACCOUNTS)[number]['key'];
export const demoEmail = (key: DemoKey) => DEMO_ACCOUNTS.find((a) => a.key === key)!.email;
export const DEMO_EMAILS: readonly string[] = DEMO_ACCOUNTS.map((a) => a.email);
