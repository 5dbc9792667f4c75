import { expect, test, type Page, type Response } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signOut, type DemoKey } from './support/accounts.ts';
import { clearRateLimits, testDb } from './support/db.ts';
import { openLetter } from './support/mailbox.ts';
import { expectNoAxeViolations } from './support/axe.ts';

// Each test signs a demo person in; the whole run shares one IP and the sign-in limits.
test.beforeEach(async () => {
  await clearRateLimits();
});

async function opportunityCount(): Promise<number> {
  const { rows } = await testDb().query<{ n: number }>('select count(*)::int as n from public.opportunities');
  return rows[0].n;
}

/** The message next to the named field, tied to it for screen readers. */
async function expectFieldError(page: Page, field: string, message: string | RegExp) {
  await expect(page.locator(`#f-${field}-error`)).toHaveText(message);
  const input = page.locator(`[name="${field}"]`).first();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAttribute('aria-describedby', new RegExp(`(^| )f-${field}-error( |$)`));
}

/**
 * Signs a demo person in. Waits for the sign-in page to settle first: typing into it while it is
 * still hydrating can lose what was typed (seen as «Укажите адрес электронной почты»).
 */
async function signInAs(
  page: Page,
  key: DemoKey,
  { from = '/sign-in', to = DEMO[key].home as string }: { from?: string; to?: string } = {},
) {
  await page.goto(from, { waitUntil: 'networkidle' });
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Электронная почта', { exact: true }).fill(DEMO[key].email);
  await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(to);
}

const isPostTo = (path: string) => (r: Response) =>
  r.request().method() === 'POST' && new URL(r.url()).pathname === path;

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test('the verified demo employer posts a practice for 18.03.01, publishes it, the administration approves', async ({
  page,
}) => {
  const title = `Производственная практика в цехе КИПиА ${Date.now()}`;
  await signInAs(page, 'employer');
  await page
    .getByRole('navigation', { name: 'Основная навигация' })
    .getByRole('link', { name: 'Публикации' })
    .click();
  await expect(page).toHaveURL('/employer/opportunities');
  await page.getByRole('link', { name: 'Новая публикация' }).click();

  // The kind comes first; with JavaScript choosing it opens its form at once.
  await page.getByRole('radio', { name: /^Практика/ }).check();
  await expect(page).toHaveURL('/employer/opportunities/new?kind=practice');
  await page.getByLabel('Название', { exact: true }).fill(title);
  await page
    .getByLabel('Описание', { exact: true })
    .fill('Практика для студентов **химических** направлений.\n\n- наставник из цеха\n- общежитие');
  await page.getByLabel('Вид практики', { exact: true }).selectOption('industrial');
  await page.getByLabel('Направление 1', { exact: true }).fill('18.03.01');
  await page.getByRole('group', { name: 'Курсы' }).getByLabel('3 курс').check();
  await page.getByRole('group', { name: 'Курсы' }).getByLabel('4 курс').check();
  await page.getByLabel('Количество мест', { exact: true }).fill('4');
  await page.getByLabel('Начало практики', { exact: true }).fill(inDays(60));
  await page.getByLabel('Окончание практики', { exact: true }).fill(inDays(90));
  await page.getByLabel('Район Кемерова', { exact: true }).selectOption('zavodsky');
  await page.getByLabel('Приём заявок до', { exact: true }).fill(inDays(30));
  await page.getByRole('button', { name: 'Сохранить черновик' }).click();

  await expect(page).toHaveURL(/\/employer\/opportunities\?saved=/);
  await expect(page.getByRole('status').filter({ hasText: 'сохранена' })).toContainText(title);
  const row = page.getByTestId('opportunity-row').filter({ hasText: title });
  await expect(row.getByTestId('status')).toHaveText('Черновик');

  const { rows } = await testDb().query<{ id: string; programme_codes: string[]; years_of_study: number[] }>(
    'select id, programme_codes, years_of_study from public.opportunities where title = $1',
    [title],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0].programme_codes).toEqual(['18.03.01']);
  expect(rows[0].years_of_study).toEqual([3, 4]);

  await row.getByLabel('Срок публикации, дней').fill('45');
  await row.getByRole('button', { name: 'Опубликовать' }).click();
  // The demo employer was verified at seeding: its first month goes through moderation.
  await expect(row.getByTestId('status')).toHaveText('На модерации');
  await expect(page.getByRole('status').filter({ hasText: 'отправлена на модерацию' })).toBeVisible();

  await signOut(page);
  await signInAs(page, 'admin');
  await page
    .getByRole('navigation', { name: 'Основная навигация' })
    .getByRole('link', { name: 'Модерация' })
    .click();
  const queued = page.getByTestId('moderation-row').filter({ hasText: title });
  await expect(queued).toContainText('химических');
  await queued.getByRole('button', { name: 'Одобрить' }).click();
  await expect(page.getByRole('status')).toContainText(`«${title}» опубликована`);
  await expect(page.getByTestId('moderation-row').filter({ hasText: title })).toHaveCount(0);

  const after = await testDb().query<{ status: string; days: number }>(
    `select status, round(extract(epoch from expires_at - now()) / 86400)::int as days
       from public.opportunities where id = $1`,
    [rows[0].id],
  );
  expect(after.rows[0]).toEqual({ status: 'published', days: 45 });
  await openLetter(page, DEMO.employer.email, `Публикация «${title}» прошла модерацию — КемероVоПРОФИ`);
});

test.describe('bad input on the posting form', () => {
  for (const javaScript of [true, false]) {
    test(`${javaScript ? 'with' : 'without'} JavaScript: Russian messages by the fields, 4xx, nothing written`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled: javaScript });
      const page = await context.newPage();
      await signInAs(page, 'employer');
      const before = await opportunityCount();

      // A practice: title too short, apply-by date in the past, no programmes.
      await page.goto('/employer/opportunities/new?kind=practice');
      await page.getByLabel('Название', { exact: true }).fill('Абв');
      await page.getByLabel('Приём заявок до', { exact: true }).fill('2020-01-01');
      await page.getByLabel('Район Кемерова', { exact: true }).selectOption('leninsky');
      let posted = page.waitForResponse(isPostTo('/employer/opportunities/new'));
      await page.getByRole('button', { name: 'Сохранить черновик' }).click();
      await expectStatus(await posted, 400, javaScript);
      await expectFieldError(page, 'title', 'Название — не короче 5 символов');
      await expectFieldError(page, 'applyBy', 'Приём заявок до: дата уже прошла');
      await expectFieldError(
        page,
        'programmeCodes',
        'Направления подготовки: укажите хотя бы одно направление (код ОКСО)',
      );
      // What was typed stays.
      await expect(page.getByLabel('Название', { exact: true })).toHaveValue('Абв');

      // A vacancy whose salary «from» is above «to».
      await page.goto('/employer/opportunities/new?kind=vacancy');
      await page.getByLabel('Название', { exact: true }).fill('Инженер-технолог');
      await page.getByLabel('Зарплата от, ₽ в месяц', { exact: true }).fill('90 000');
      await page.getByLabel('Зарплата до, ₽ в месяц', { exact: true }).fill('50 000');
      await page.getByLabel('Тип занятости', { exact: true }).selectOption('full');
      await page.getByLabel('Можно удалённо').check();
      posted = page.waitForResponse(isPostTo('/employer/opportunities/new'));
      await page.getByRole('button', { name: 'Сохранить черновик' }).click();
      await expectStatus(await posted, 400, javaScript);
      await expectFieldError(page, 'payTo', 'Зарплата до не может быть меньше, чем «зарплата от»');

      expect(await opportunityCount()).toBe(before);
      await context.close();
    });
  }

  test('publishing for more than 90 days is refused by the field', async ({ page }) => {
    await signInAs(page, 'employer');
    await page.goto('/employer/opportunities');
    // A copy is a fresh draft, at the top of the list (the most recently changed).
    await page.getByTestId('opportunity-row').first().getByRole('button', { name: 'Копировать' }).click();
    await expect(page).toHaveURL(/\/employer\/opportunities\/[0-9a-f-]+\/edit\?copied=1$/);
    await page.goto('/employer/opportunities');
    const row = page.getByTestId('opportunity-row').first();
    await expect(row.getByTestId('status')).toHaveText('Черновик');
    const days = row.getByLabel('Срок публикации, дней');
    await days.fill('120');
    await row.getByRole('button', { name: 'Опубликовать' }).click();
    await expect(row.getByText('Срок публикации — от 1 до 90 дней')).toBeVisible();
    await expect(row.getByTestId('status')).toHaveText('Черновик');
  });
});

async function expectStatus(response: Response, status: number, enhanced: boolean) {
  if (enhanced) {
    // An enhanced form posts with fetch; SvelteKit answers 200 with the action's own status.
    const result = (await response.json()) as { type: string; status: number };
    expect(result).toMatchObject({ type: 'failure', status });
  } else {
    expect(response.status()).toBe(status);
  }
}

test('axe: the list, the kind choice, the form with errors and the edit page have no violations', async ({
  page,
}) => {
  await signInAs(page, 'employer');
  await page.goto('/employer/opportunities');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Публикации');
  await expectNoAxeViolations(page);

  await page.goto('/employer/opportunities/new');
  await expect(page.getByRole('group', { name: 'Что вы публикуете?' })).toBeVisible();
  await expectNoAxeViolations(page);

  for (const kind of ['internship', 'practice', 'stipend', 'target_agreement', 'vacancy']) {
    await page.goto(`/employer/opportunities/new?kind=${kind}`);
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    await expect(page.locator('#f-title-error')).toBeVisible();
    await expectNoAxeViolations(page);
  }

  await page.goto('/employer/opportunities');
  await page.getByTestId('opportunity-row').first().getByRole('link', { name: 'Редактировать' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Редактирование публикации');
  await expectNoAxeViolations(page);
});

test('the extend link of the expiry letter works after signing in @phone', async ({ page }) => {
  const { rows } = await testDb().query<{ id: string; title: string }>(
    `select o.id, o.title from public.opportunities o
       join public.memberships m on m.organization_id = o.organization_id
       join public.profiles p on p.id = m.profile_id
      where p.email = $1 and o.status = 'published'
      order by o.expires_at limit 1`,
    [DEMO.employer.email],
  );
  expect(rows, 'у демо-работодателя есть опубликованная публикация').toHaveLength(1);
  await testDb().query(
    `update public.opportunities set expires_at = now() + interval '2 days' where id = $1`,
    [rows[0].id],
  );

  // The letter's link, opened signed out: sign-in first, then back to the same page.
  const extendPath = `/employer/opportunities/${rows[0].id}/extend`;
  await signInAs(page, 'employer', { from: extendPath, to: extendPath });
  await expect(page.getByText(rows[0].title)).toBeVisible();
  await page.getByRole('button', { name: 'Продлить на 30 дней' }).click();
  await expect(page).toHaveURL(/\/employer\/opportunities\?extended=/);
  await expect(page.getByRole('status')).toContainText('продлена');
  const after = await testDb().query<{ days: number }>(
    `select round(extract(epoch from expires_at - now()) / 86400)::int as days from public.opportunities where id = $1`,
    [rows[0].id],
  );
  expect(after.rows[0].days).toBe(30);
});

/** The row as stored, less the time of the last change (a save touches it). */
async function storedPosting(id: string): Promise<Record<string, unknown>> {
  const { rows } = await testDb().query<{ row: Record<string, unknown> }>(
    `select to_jsonb(o) - 'updated_at' as row from public.opportunities o where id = $1`,
    [id],
  );
  return rows[0].row;
}

test('a seeded internship saved without changes keeps its programmes, universities, years, seats and dates (issue 10 item 1)', async ({
  page,
}) => {
  // «Стажёр-инженер КИПиА» when the demo employer has it, otherwise another of its internships with
  // every targeting column filled.
  const { rows } = await testDb().query<{ id: string; title: string }>(
    `select o.id, o.title from public.opportunities o
       join public.memberships m on m.organization_id = o.organization_id
       join public.profiles p on p.id = m.profile_id
      where p.email = $1 and o.kind = 'internship'
        and cardinality(o.programme_codes) > 0 and cardinality(o.university_ids) > 0
        and cardinality(o.years_of_study) > 0 and o.seats is not null
        and o.starts_on is not null and o.ends_on is not null
        and (o.apply_by is null or o.apply_by >= current_date)
      order by (o.title = 'Стажёр-инженер КИПиА') desc, o.created_at limit 1`,
    [DEMO.employer.email],
  );
  expect(rows, 'у демо-работодателя есть стажировка с направлениями, вузами и курсами').toHaveLength(1);
  const { id } = rows[0];
  const before = await storedPosting(id);

  await signInAs(page, 'employer');
  const expectShown = async () => {
    const codes = before.programme_codes as string[];
    for (const [i, code] of codes.entries()) {
      await expect(page.getByLabel(`Направление ${i + 1}`, { exact: true })).toHaveValue(code);
    }
    for (const university of before.university_ids as string[]) {
      await expect(page.locator(`input[name="universityIds"][value="${university}"]`)).toBeChecked();
    }
    const years = page.getByRole('group', { name: 'Курсы' });
    for (const year of before.years_of_study as number[]) {
      await expect(years.getByLabel(`${year} курс`)).toBeChecked();
    }
    await expect(page.getByLabel('Количество мест', { exact: true })).toHaveValue(String(before.seats));
    await expect(page.getByLabel('Начало стажировки', { exact: true })).toHaveValue(String(before.starts_on));
    await expect(page.getByLabel('Окончание стажировки', { exact: true })).toHaveValue(
      String(before.ends_on),
    );
  };

  await page.goto(`/employer/opportunities/${id}/edit`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Редактирование публикации');
  await expectShown();
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/employer/opportunities\\?saved=${id}$`));

  expect(await storedPosting(id)).toEqual(before);
  await page.goto(`/employer/opportunities/${id}/edit`);
  await expectShown();
});

test('an internship form sets programmes, universities and years, and search filters on them', async ({
  page,
}) => {
  const title = `Стажировка наладчика КИПиА ${Date.now()}`;
  await signInAs(page, 'employer');
  await page.goto('/employer/opportunities/new?kind=internship');
  await page.getByLabel('Название', { exact: true }).fill(title);
  await page.getByLabel('Направление 1', { exact: true }).fill('15.03.04');
  const universities = page.getByRole('group', { name: 'Вузы, студенты которых могут прийти' });
  const university = universities.getByRole('checkbox').first();
  const universityId = await university.getAttribute('value');
  await university.check();
  await page.getByRole('group', { name: 'Курсы' }).getByLabel('3 курс').check();
  await page.getByRole('group', { name: 'Курсы' }).getByLabel('4 курс').check();
  await page.getByLabel('Количество мест', { exact: true }).fill('2');
  await page.getByLabel('Начало стажировки', { exact: true }).fill(inDays(40));
  await page.getByLabel('Окончание стажировки', { exact: true }).fill(inDays(80));
  await page.getByLabel('Район Кемерова', { exact: true }).selectOption('zavodsky');
  await page.getByRole('button', { name: 'Сохранить черновик' }).click();
  await expect(page).toHaveURL(/\/employer\/opportunities\?saved=/);

  const { rows } = await testDb().query<{
    id: string;
    programme_codes: string[];
    university_ids: string[];
    years_of_study: number[];
    seats: number;
    starts_on: string;
    ends_on: string;
  }>(
    `select id, programme_codes, university_ids, years_of_study, seats,
            starts_on::text, ends_on::text from public.opportunities where title = $1`,
    [title],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    programme_codes: ['15.03.04'],
    university_ids: [universityId],
    years_of_study: [3, 4],
    seats: 2,
    starts_on: inDays(40),
    ends_on: inDays(80),
  });

  // Published (through moderation, as the demo employer is in its first month), search finds it by
  // the university and the year, and not by a year it is not for.
  const row = page.getByTestId('opportunity-row').filter({ hasText: title });
  await row.getByRole('button', { name: 'Опубликовать' }).click();
  await expect(row.getByTestId('status')).toHaveText('На модерации');
  await signOut(page);
  await signInAs(page, 'admin');
  await page.goto('/admin/moderation');
  await page
    .getByTestId('moderation-row')
    .filter({ hasText: title })
    .getByRole('button', { name: 'Одобрить' })
    .click();
  await expect(page.getByRole('status')).toContainText(`«${title}» опубликована`);

  const search = (year: number) =>
    `/opportunities?q=${encodeURIComponent('наладчика')}&kind=internship&university=${universityId}&year=${year}`;
  await expect(async () => {
    await page.goto(search(3));
    await expect(page.getByRole('link', { name: title })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.goto(search(1));
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);
});
