import { expect, test, type Page, type Response } from '@playwright/test';
import {
  DEMO,
  fillEmployerSignUp,
  fillPersonSignUp,
  strongPassword,
  uniqueEmail,
  type EmployerInput,
  type PersonInput,
} from './support/accounts.ts';
import { E2E_ENV } from '../../playwright.config.ts';
import { clearRateLimits, rowCounts, testDb } from './support/db.ts';
import { innWithWrongCheckDigit, validInn } from './support/inn.ts';

// Refused sign-ups with a valid form still count against the per-IP sign-up limit, and this spec
// makes many of them from one IP: start every test with clear counters.
test.beforeEach(async () => {
  await clearRateLimits();
});

const DUPLICATE = [400, 409, 422];
const statuses = (status: number | number[]) => (Array.isArray(status) ? status : [status]);

const MESSAGES = {
  innChecksum: 'ИНН указан с ошибкой: не сходится контрольное число',
  shortPassword: 'Пароль должен быть не короче 10 символов',
  commonPassword: 'Пароль слишком распространён: выберите другой',
  duplicateEmail: 'Этот адрес уже зарегистрирован. Войдите или восстановите пароль.',
  consent: 'Нужно согласие на обработку персональных данных',
};

function employer(overrides: Partial<EmployerInput> = {}): EmployerInput {
  return {
    organizationName: `ООО «Е2Е Ошибки ${Date.now()}»`,
    inn: validInn(),
    industry: /^C — /,
    fullName: 'Олег Е2Е Ошибкин',
    email: uniqueEmail('bad-employer'),
    password: strongPassword(),
    ...overrides,
  };
}

function person(overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    role: 'student',
    fullName: 'Ольга Е2Е Ошибкина',
    email: uniqueEmail('bad-person'),
    password: strongPassword(),
    university: 'КузГТУ',
    programmeCode: '18.03.01',
    yearOfStudy: '2',
    ...overrides,
  };
}

interface BadCase {
  name: string;
  form: 'employer' | 'person';
  field: string;
  message: string;
  /** The expected status; a duplicate address may fairly be 400, 409 or 422. */
  status: number | number[];
  employer?: () => EmployerInput;
  person?: () => PersonInput;
  consent?: boolean;
}

const CASES: BadCase[] = [
  {
    name: 'wrong ИНН checksum',
    form: 'employer',
    field: 'inn',
    message: MESSAGES.innChecksum,
    status: 400,
    employer: () => employer({ inn: innWithWrongCheckDigit() }),
  },
  {
    name: 'short password (employer)',
    form: 'employer',
    field: 'password',
    message: MESSAGES.shortPassword,
    status: 400,
    employer: () => employer({ password: 'Кор0тк1й' }),
  },
  {
    name: 'common password (employer)',
    form: 'employer',
    field: 'password',
    message: MESSAGES.commonPassword,
    status: 400,
    employer: () => employer({ password: 'qwertyuiop' }),
  },
  {
    name: 'duplicate email of a demo employer',
    form: 'employer',
    field: 'email',
    message: MESSAGES.duplicateEmail,
    status: DUPLICATE,
    employer: () => employer({ email: DEMO.employer.email }),
  },
  {
    name: 'missing consent (employer)',
    form: 'employer',
    field: 'consent',
    message: MESSAGES.consent,
    status: 400,
    employer: () => employer(),
    consent: false,
  },
  {
    name: 'short password (student)',
    form: 'person',
    field: 'password',
    message: MESSAGES.shortPassword,
    status: 400,
    person: () => person({ password: '123' }),
  },
  {
    name: 'common password (student)',
    form: 'person',
    field: 'password',
    message: MESSAGES.commonPassword,
    status: 400,
    person: () => person({ password: 'qwertyuiop' }),
  },
  {
    name: 'duplicate email of a demo student',
    form: 'person',
    field: 'email',
    message: MESSAGES.duplicateEmail,
    status: DUPLICATE,
    person: () => person({ email: DEMO.student.email }),
  },
  {
    name: 'missing consent (student)',
    form: 'person',
    field: 'consent',
    message: MESSAGES.consent,
    status: 400,
    person: () => person(),
    consent: false,
  },
];

const isFormPost = (path: string) => (r: Response) =>
  r.request().method() === 'POST' && new URL(r.url()).pathname === path;

/** The message next to the named field, tied to it for screen readers. */
async function expectFieldError(page: Page, field: string, message: string) {
  const error = page.locator(`#f-${field}-error`);
  await expect(error).toHaveText(message);
  const input = page.locator(`[name="${field}"]`).first();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAttribute('aria-describedby', new RegExp(`(^| )f-${field}-error( |$)`));
}

async function submitBadCase(page: Page, c: BadCase): Promise<Response> {
  const path = c.form === 'employer' ? '/sign-up/employer' : '/sign-up/person';
  await page.goto(path);
  const posted = page.waitForResponse(isFormPost(path));
  if (c.form === 'employer') await fillEmployerSignUp(page, c.employer!(), { consent: c.consent ?? true });
  else await fillPersonSignUp(page, c.person!(), { consent: c.consent ?? true });
  return posted;
}

for (const javaScript of [true, false]) {
  test.describe(javaScript ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: javaScript });

    for (const c of CASES) {
      test(`${c.name}: Russian message at «${c.field}», ${statuses(c.status).join('/')}, nothing written`, async ({
        page,
      }) => {
        const before = await rowCounts();
        const response = await submitBadCase(page, c);
        if (javaScript) {
          // An enhanced form posts with fetch; SvelteKit answers 200 with the action's own status.
          expect(response.status()).toBe(200);
          const result = (await response.json()) as { type: string; status: number };
          expect(result.type).toBe('failure');
          expect(statuses(c.status)).toContain(result.status);
        } else {
          // A plain HTML form post: the page comes back with the failure status itself.
          expect(statuses(c.status)).toContain(response.status());
          // …and the password is never echoed back into the page.
          await expect(page.getByLabel('Пароль', { exact: true })).toHaveValue('');
        }
        await expectFieldError(page, c.field, c.message);
        await expect(page).toHaveURL(c.form === 'employer' ? '/sign-up/employer' : '/sign-up/person');
        // What was typed stays.
        await expect(page.getByLabel('Имя и фамилия', { exact: true })).not.toHaveValue('');
        expect(await rowCounts()).toEqual(before);
      });
    }
  });
}

test('without JavaScript a valid student sign-up still reaches check-email', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const p = person();
  await page.goto('/sign-up/person');
  const posted = page.waitForResponse(isFormPost('/sign-up/person'));
  await fillPersonSignUp(page, p);
  expect((await posted).status()).toBe(303);
  await expect(page).toHaveURL(/\/sign-up\/check-email\?/);
  await expect(page.getByRole('status')).toContainText(p.email);
  await context.close();
});

test.describe('direct POSTs answer 4xx, never 500, and write nothing', () => {
  const ORIGIN = E2E_ENV.ORIGIN;
  /** A plain form post as a browser without JavaScript sends it (same origin, wants HTML). */
  const headers = { origin: ORIGIN, accept: 'text/html' };

  const employerForm = (overrides: Record<string, string> = {}) => ({
    organizationName: `ООО «Е2Е POST ${Date.now()}»`,
    inn: validInn(),
    industryCode: 'C',
    fullName: 'Пётр Е2Е Постов',
    email: uniqueEmail('post-employer'),
    password: strongPassword(),
    consent: 'on',
    ...overrides,
  });

  let universityId = '';
  let employerId = '';
  let demoInn = '';
  test.beforeAll(async () => {
    const { rows } = await testDb().query<{ kind: string; id: string; inn: string | null }>(
      `select distinct on (kind) kind, id, inn from public.organizations
        where kind in ('university', 'employer') and verification_status = 'verified' order by kind, created_at`,
    );
    universityId = rows.find((r) => r.kind === 'university')!.id;
    employerId = rows.find((r) => r.kind === 'employer')!.id;
    demoInn = rows.find((r) => r.kind === 'employer')!.inn!;
  });

  const personForm = (overrides: Record<string, string> = {}) => ({
    role: 'student',
    fullName: 'Анна Е2Е Постова',
    email: uniqueEmail('post-person'),
    password: strongPassword(),
    universityId,
    programmeCode: '18.03.01',
    yearOfStudy: '2',
    consent: 'on',
    ...overrides,
  });

  const cases: {
    name: string;
    path: string;
    form: () => Record<string, string>;
    status: number | number[];
  }[] = [
    {
      name: 'wrong ИНН checksum',
      path: '/sign-up/employer',
      form: () => employerForm({ inn: innWithWrongCheckDigit() }),
      status: 400,
    },
    {
      name: 'ИНН of letters',
      path: '/sign-up/employer',
      form: () => employerForm({ inn: 'abcdefghij' }),
      status: 400,
    },
    {
      name: 'ИНН already registered',
      path: '/sign-up/employer',
      form: () => employerForm({ inn: demoInn }),
      status: 409,
    },
    {
      name: 'short password',
      path: '/sign-up/employer',
      form: () => employerForm({ password: 'short' }),
      status: 400,
    },
    {
      name: 'common password',
      path: '/sign-up/employer',
      form: () => employerForm({ password: 'qwertyuiop' }),
      status: 400,
    },
    {
      name: 'duplicate demo email',
      path: '/sign-up/employer',
      form: () => employerForm({ email: DEMO.admin.email }),
      status: DUPLICATE,
    },
    { name: 'no consent', path: '/sign-up/employer', form: () => employerForm({ consent: '' }), status: 400 },
    {
      name: 'unknown industry',
      path: '/sign-up/employer',
      form: () => employerForm({ industryCode: 'Z' }),
      status: 400,
    },
    {
      name: 'unknown district',
      path: '/sign-up/employer',
      form: () => employerForm({ districtCode: 'atlantis' }),
      status: 400,
    },
    {
      name: 'website not http(s)',
      path: '/sign-up/employer',
      form: () => employerForm({ website: 'javascript:alert(1)' }),
      status: 400,
    },
    { name: 'empty employer form', path: '/sign-up/employer', form: () => ({}), status: 400 },
    {
      name: 'role administrator',
      path: '/sign-up/person',
      form: () => personForm({ role: 'administrator' }),
      status: 400,
    },
    {
      name: 'university id not a uuid',
      path: '/sign-up/person',
      form: () => personForm({ universityId: 'кемгу' }),
      status: 400,
    },
    {
      name: 'an employer instead of a university',
      path: '/sign-up/person',
      form: () => personForm({ universityId: employerId }),
      status: 400,
    },
    {
      name: 'programme code not in ОКСО',
      path: '/sign-up/person',
      form: () => personForm({ programmeCode: '99.03.99' }),
      status: 400,
    },
    {
      name: 'year of study 9',
      path: '/sign-up/person',
      form: () => personForm({ yearOfStudy: '9' }),
      status: 400,
    },
    {
      name: 'student without a year',
      path: '/sign-up/person',
      form: () => personForm({ yearOfStudy: '' }),
      status: 400,
    },
    {
      name: 'common password (person)',
      path: '/sign-up/person',
      form: () => personForm({ password: 'QWERTYUIOP' }),
      status: 400,
    },
    {
      name: 'duplicate demo email (person)',
      path: '/sign-up/person',
      form: () => personForm({ email: DEMO.graduate.email.toUpperCase() }),
      status: DUPLICATE,
    },
    {
      name: 'no consent (person)',
      path: '/sign-up/person',
      form: () => personForm({ consent: 'off' }),
      status: 400,
    },
    {
      name: 'email not an address',
      path: '/sign-up/person',
      form: () => personForm({ email: 'не-адрес' }),
      status: 400,
    },
    { name: 'sign-in with nothing', path: '/sign-in', form: () => ({}), status: 400 },
    {
      name: 'forgot-password with a bad address',
      path: '/forgot-password',
      form: () => ({ email: '@' }),
      status: 400,
    },
    {
      name: 'reset-password without a token',
      path: '/reset-password',
      form: () => ({ password: strongPassword(), passwordConfirm: 'x' }),
      status: 400,
    },
    {
      name: 'reset-password with a forged token',
      path: '/reset-password',
      form: () => {
        const p = strongPassword();
        return { token: 'forged', password: p, passwordConfirm: p };
      },
      status: 400,
    },
  ];

  for (const c of cases) {
    test(`${c.path}: ${c.name} → ${statuses(c.status).join('/')}`, async ({ request }) => {
      const before = await rowCounts();
      const response = await request.post(c.path, { form: c.form(), headers, maxRedirects: 0 });
      expect(statuses(c.status)).toContain(response.status());
      expect(await response.text()).toMatch(/class="[^"]*\berror\b/);
      expect(await rowCounts()).toEqual(before);
    });
  }

  test('a cross-site form post is refused', async ({ request }) => {
    const before = await rowCounts();
    const response = await request.post('/sign-up/employer', {
      form: employerForm(),
      headers: { origin: 'https://evil.example', accept: 'text/html' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });
});
