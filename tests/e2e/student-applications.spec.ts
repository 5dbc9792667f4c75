import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signInDemo } from './support/accounts.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { clearRateLimits, testDb } from './support/db.ts';

/**
 * The student's side of applications in Chromium: applying on the posting page (with and without
 * JavaScript), «Мои отклики», withdrawing, answering an offer, and confirming a hire by the emailed
 * link. The employer's moves, which other pages make, are arranged over a direct connection acting
 * as the demo employer (the same database functions, with their JWT claims).
 */

test.beforeEach(async () => {
  await clearRateLimits();
});

async function profileId(email: string): Promise<string> {
  const { rows } = await testDb().query<{ id: string }>('select id from public.profiles where email = $1', [
    email,
  ]);
  return rows[0].id;
}

/** The résumé is another page's business (/student/resume): here it only has to exist. */
async function ensureResume(email: string): Promise<void> {
  await testDb().query(
    `insert into public.resumes (profile_id, headline, skills)
     select id, 'Начинающий инженер', '{AutoCAD,Python}' from public.profiles where email = $1
     on conflict (profile_id) do nothing`,
    [email],
  );
}

/**
 * A published vacancy (open to every student and graduate) this person never applied to; of the
 * organization of `employerEmail` when given (then also an internship open to everyone: both end in
 * a hire).
 */
async function freshVacancy(
  email: string,
  employerEmail: string | null = null,
): Promise<{ id: string; title: string; employer: string; inn: string }> {
  const { rows } = await testDb().query<{ id: string; title: string; employer: string; inn: string }>(
    `select o.id, o.title, org.name as employer, org.inn
       from public.opportunities o join public.organizations org on org.id = o.organization_id
      where (o.kind = 'vacancy' or (o.kind = 'internship' and $2::text is not null
             and cardinality(o.university_ids) = 0 and cardinality(o.programme_codes) = 0))
        and o.status = 'published' and o.expires_at > now() + interval '1 day'
        and (o.apply_by is null or o.apply_by >= current_date + 1)
        and org.verification_status = 'verified'
        and not exists (select from public.applications a join public.profiles p on p.id = a.applicant_id
                         where a.opportunity_id = o.id and p.email = $1)
        and ($2::text is null or o.organization_id in (
              select m.organization_id from public.memberships m join public.profiles p on p.id = m.profile_id
               where p.email = $2))
      order by o.id limit 1`,
    [email, employerEmail],
  );
  if (!rows[0]) throw new Error('нет открытой вакансии для отклика');
  return rows[0];
}

async function applicationsTo(opportunityId: string, email: string) {
  const { rows } = await testDb().query<{ id: string; status: string; inn: string; version: string }>(
    `select a.id, a.status, c.organization_inn as inn, c.text_version as version
       from public.applications a
       join public.profiles p on p.id = a.applicant_id
       join public.data_transfer_consents c on c.id = a.consent_id
      where a.opportunity_id = $1 and p.email = $2 order by a.created_at`,
    [opportunityId, email],
  );
  return rows;
}

/** Runs SQL as this person would through PostgREST: role authenticated, their id in the JWT claims. */
async function asPerson<T extends object>(email: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const sub = await profileId(email);
  const client = await testDb().connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify({ sub, role: 'authenticated' }),
    ]);
    await client.query('set local role authenticated');
    const { rows } = await client.query<T>(sql, params);
    await client.query('commit');
    return rows;
  } catch (e) {
    await client.query('rollback');
    throw e;
  } finally {
    client.release();
  }
}

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const applicationUrl = /\/student\/applications\/([0-9a-f-]{36})\?applied=1$/;

for (const javaScript of [true, false]) {
  test(`${javaScript ? 'with' : 'without'} JavaScript: the demo student applies and sees it in «Мои отклики»`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await ensureResume(DEMO.student.email);
    const posting = await freshVacancy(DEMO.student.email);
    await signInDemo(page, 'student');

    await page.goto(`/opportunities/${posting.id}`);
    const block = page.getByRole('region', { name: 'Отклик', exact: true });
    await expect(block).toContainText('работодатель увидит резюме в том виде, в каком оно сейчас', {
      ignoreCase: true,
    });
    await expect(block.getByRole('link', { name: 'Проверить резюме' })).toHaveAttribute(
      'href',
      '/student/resume',
    );
    await expect(
      block.getByRole('group', { name: 'Согласие на передачу персональных данных работодателю' }),
    ).toContainText(`${posting.employer} (ИНН ${posting.inn}`);
    // axe runs in the page: only where JavaScript is on (the markup is the same without it)
    const axe = javaScript ? expectNoAxeViolations : async () => {};
    await axe(page);

    // without the consent: the message at the checkbox, and nothing written
    await block.getByLabel(/Сопроводительное письмо/).fill('Здравствуйте! Хочу работать у вас.');
    await block.getByRole('button', { name: 'Откликнуться' }).click();
    await expect(block.locator('#f-consent-error')).toHaveText(/Отметьте согласие на передачу/);
    await expect(block.getByLabel(/Сопроводительное письмо/)).toHaveValue(
      'Здравствуйте! Хочу работать у вас.',
    );
    expect(await applicationsTo(posting.id, DEMO.student.email)).toEqual([]);
    await axe(page);

    if (javaScript) {
      await expect(block.locator('#f-coverLetter-count')).toHaveText(/^34 из 3\s000 знаков$/);
    }
    await block.getByRole('checkbox', { name: /Согласен\(на\) на передачу/ }).check();
    await block.getByRole('button', { name: 'Откликнуться' }).click();
    await expect(page).toHaveURL(applicationUrl);
    const [, applicationId] = applicationUrl.exec(page.url())!;
    await expect(page.getByRole('status')).toContainText('Отклик отправлен');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(posting.title);
    await expect(page.locator('main')).toContainText('Здравствуйте! Хочу работать у вас.');
    await expect(page.locator('main')).toContainText(`ИНН ${posting.inn}`);
    await axe(page);
    expect(await applicationsTo(posting.id, DEMO.student.email)).toEqual([
      { id: applicationId, status: 'submitted', inn: posting.inn, version: 'transfer-2026-12' },
    ]);

    // «Мои отклики» from the navigation
    await page
      .getByRole('navigation', { name: 'Основная навигация' })
      .getByRole('link', { name: 'Мои отклики' })
      .click();
    await expect(page).toHaveURL('/student/applications');
    // the demo data has postings of one title at several employers: this application's own item
    const item = page
      .getByRole('listitem')
      .filter({ has: page.locator(`a[href="/student/applications/${applicationId}"]`) });
    await expect(item).toContainText(posting.title);
    await expect(item.getByText('Отправлен', { exact: true })).toBeVisible();
    await expect(item).toContainText('Дальше: ждём ответа работодателя');
    await axe(page);

    // the posting now shows the application instead of the form
    await page.goto(`/opportunities/${posting.id}`);
    await expect(block).toContainText('Вы уже откликнулись');
    await expect(block.getByRole('button', { name: 'Откликнуться' })).toHaveCount(0);
    await block.getByRole('link', { name: 'Открыть мой отклик' }).click();
    await expect(page).toHaveURL(`/student/applications/${applicationId}`);

    // withdraw: a confirmation page, then one row with the new state
    await page.getByRole('link', { name: 'Отозвать отклик' }).click();
    await expect(page).toHaveURL(`/student/applications/${applicationId}/withdraw`);
    await axe(page);
    await page.getByRole('button', { name: 'Да, отозвать отклик' }).click();
    await expect(page).toHaveURL(`/student/applications/${applicationId}?withdrawn=1`);
    await expect(page.getByRole('status')).toContainText('Отклик отозван');
    await expect(page.locator('.timeline')).toContainText('Отозван');
    expect((await applicationsTo(posting.id, DEMO.student.email)).map((a) => a.status)).toEqual([
      'withdrawn',
    ]);
    await context.close();
  });
}

test('without JavaScript a double click and two tabs give one application; the second answer shows it', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await ensureResume(DEMO.student.email);
  const posting = await freshVacancy(DEMO.student.email);
  await signInDemo(page, 'student');
  await page.goto(`/opportunities/${posting.id}`);
  await page.getByRole('checkbox', { name: /Согласен\(на\) на передачу/ }).check();
  await page.getByRole('button', { name: 'Откликнуться' }).dblclick();
  await expect(page).toHaveURL(/\/student\/applications\/[0-9a-f-]{36}\?(applied|already)=1$/);
  const rows = await applicationsTo(posting.id, DEMO.student.email);
  expect(rows).toHaveLength(1);

  // two tabs sending the same form at once
  const send = () =>
    page.request.post(`/opportunities/${posting.id}?/apply`, {
      form: { coverLetter: 'Ещё раз', consent: 'on' },
      headers: { origin: baseURL!, accept: 'text/html' },
      maxRedirects: 0,
    });
  const answers = await Promise.all([send(), send()]);
  for (const answer of answers) {
    expect(answer.status()).toBe(303);
    expect(answer.headers().location).toBe(`/student/applications/${rows[0].id}?already=1`);
  }
  expect(await applicationsTo(posting.id, DEMO.student.email)).toHaveLength(1);
  await page.goto(`/student/applications/${rows[0].id}?already=1`);
  await expect(page.getByRole('status')).toHaveText(
    'Вы уже откликнулись на эту публикацию — вот ваш отклик.',
  );
  await context.close();
});

test('a visitor is asked to sign in and comes back to the posting', async ({ page }) => {
  const posting = await freshVacancy(DEMO.student.email);
  await page.goto(`/opportunities/${posting.id}`);
  const block = page.getByRole('region', { name: 'Отклик', exact: true });
  await expect(block).toContainText('Войдите как студент или выпускник, чтобы откликнуться.');
  await expectNoAxeViolations(page);
  await block.getByRole('link', { name: 'Войти' }).click();
  await page.getByLabel('Электронная почта', { exact: true }).fill(DEMO.student.email);
  await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(`/opportunities/${posting.id}`);
});

test('a forged or someone else’s application id is a 404 page', async ({ page }) => {
  await signInDemo(page, 'student');
  for (const path of [
    '/student/applications/00000000-0000-4000-8000-000000000000',
    '/student/applications/not-an-id',
    '/student/applications/00000000-0000-4000-8000-000000000000/withdraw',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.locator('main')).toContainText('Такого отклика нет');
  }
  // the graduate's application, asked for by the student
  await ensureResume(DEMO.graduate.email);
  const posting = await freshVacancy(DEMO.graduate.email);
  const [theirs] = await asPerson<{ application_id: string }>(
    DEMO.graduate.email,
    `select application_id from public.apply_to_opportunity($1, '', 'transfer-2026-12', repeat('Согласие на передачу данных. ', 5))`,
    [posting.id],
  );
  const response = await page.goto(`/student/applications/${theirs.application_id}`);
  expect(response?.status()).toBe(404);
});

test('a wrong confirmation link is a clear page that changes nothing', async ({ page }) => {
  const response = await page.goto(`/employment/confirm/${'ab'.repeat(24)}`);
  expect(response?.status()).toBe(404);
  await expect(page.locator('main')).toContainText('Ссылка недействительна или уже использована');
  await expectNoAxeViolations(page);
  // a forged POST of the button is refused the same way
  const posted = await page.request.post(`/employment/confirm/${'ab'.repeat(24)}`, {
    form: {},
    headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
  });
  expect(posted.status()).toBe(404);
});

test('the graduate accepts an offer and confirms the hire by the emailed link', async ({ page }) => {
  await ensureResume(DEMO.graduate.email);
  const employerEmail = DEMO.employer.email;
  const posting = await freshVacancy(DEMO.graduate.email, employerEmail);
  const [{ application_id: id }] = await asPerson<{ application_id: string }>(
    DEMO.graduate.email,
    `select application_id from public.apply_to_opportunity($1, 'Добрый день!', 'transfer-2026-12', repeat('Согласие на передачу данных. ', 5))`,
    [posting.id],
  );
  // the employer's moves (their pages are tested with the employer's side), as its representative
  const answerBy = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await asPerson(employerEmail, 'select public.mark_application_viewed($1)', [id]);
  await asPerson(employerEmail, 'select public.make_offer($1, $2::jsonb, $3::date)', [
    id,
    JSON.stringify({ position: 'Инженер-программист', start_date: answerBy, pay: 70000 }),
    answerBy,
  ]);

  await signInDemo(page, 'graduate');
  await page.goto('/student/applications');
  await noHorizontalScroll(page);
  const item = page
    .getByRole('listitem')
    .filter({ has: page.locator(`a[href="/student/applications/${id}"]`) });
  await expect(item.getByText('Предложение', { exact: true })).toBeVisible();
  await expect(item).toContainText('ответьте на предложение до');
  await item.getByRole('link', { name: posting.title }).click();
  const offer = page.getByRole('region', { name: 'Предложение работодателя' });
  await expect(offer).toContainText('Инженер-программист');
  await expect(offer).toContainText('70 000 ₽');
  await expectNoAxeViolations(page);
  await noHorizontalScroll(page);
  await offer.getByRole('button', { name: 'Принять предложение' }).click();
  await expect(page.getByRole('status')).toContainText('Вы приняли предложение');

  const today = new Date().toISOString().slice(0, 10);
  const { rows: clock } = await testDb().query<{ now: Date }>('select now()');
  const [{ employment }] = await asPerson<{ employment: string }>(
    employerEmail,
    `select public.record_hire($1, $2::date, 'Инженер-программист', 'order', '15-к', $2::date) as employment`,
    [id, today],
  );
  // the link of the letter the worker sends (it makes the one-time token when it sends the letter)
  let token = '';
  await expect
    .poll(
      async () => {
        const { rows: letters } = await testDb().query<{ text_body: string }>(
          `select text_body from app_private.outbound_emails
            where to_address = $1 and created_at >= $2 and text_body like '%/employment/confirm/%'
            order by created_at desc limit 1`,
          [DEMO.graduate.email, clock[0].now],
        );
        token = /\/employment\/confirm\/([0-9a-f]+)/.exec(letters[0]?.text_body ?? '')?.[1] ?? '';
        return token;
      },
      { timeout: 30_000 },
    )
    .not.toBe('');
  const rows = [{ token }];
  await page.goto(`/student/applications/${id}`);
  await expect(page.getByRole('region', { name: 'Итог', exact: true })).toContainText(
    'ждёт вашего подтверждения',
  );
  await expect(page.locator('.timeline')).toContainText('приказ о приёме № 15-к');

  // the emailed link, opened without signing in: GET changes nothing
  const stranger = await page.context().browser()!.newContext();
  const link = await stranger.newPage();
  await link.goto(`/employment/confirm/${rows[0].token}`);
  await expect(link.getByRole('heading', { level: 1 })).toHaveText('Подтвердите приём на работу');
  await expect(link.locator('main')).toContainText('Инженер-программист');
  await expectNoAxeViolations(link);
  await link.reload();
  const { rows: before } = await testDb().query('select status from public.employments where id = $1', [
    employment,
  ]);
  expect(before[0].status).toBe('awaiting_confirmation');
  await link.getByRole('button', { name: 'Да, я работаю здесь' }).click();
  await expect(link.getByRole('heading', { level: 1 })).toHaveText('Спасибо!');
  await expectNoAxeViolations(link);
  const { rows: after } = await testDb().query('select status from public.employments where id = $1', [
    employment,
  ]);
  expect(after[0].status).toBe('confirmed');
  // used: the same link now says so
  const again = await link.goto(`/employment/confirm/${rows[0].token}`);
  expect(again?.status()).toBe(404);
  await stranger.close();

  await page.reload();
  await expect(page.getByRole('region', { name: 'Итог', exact: true })).toContainText('подтверждён');
  await expect(page.getByRole('button', { name: 'Да, я работаю здесь' })).toHaveCount(0);
});

test('@phone the posting page, «Мои отклики» and an application fit a phone', async ({ page }) => {
  await ensureResume(DEMO.student.email);
  const posting = await freshVacancy(DEMO.student.email);
  await signInDemo(page, 'student');
  await page.goto(`/opportunities/${posting.id}`);
  await expect(page.getByRole('button', { name: 'Откликнуться' })).toBeVisible();
  await noHorizontalScroll(page);
  await page.getByRole('checkbox', { name: /Согласен\(на\) на передачу/ }).check();
  await page.getByRole('button', { name: 'Откликнуться' }).click();
  await expect(page).toHaveURL(applicationUrl);
  const [, applicationId] = applicationUrl.exec(page.url())!;
  await expect(page.locator('.timeline')).toContainText('Отправлен');
  await noHorizontalScroll(page);
  await page.goto('/student/applications');
  // the demo data has postings of one title at several employers: this application's own item
  const item = page
    .getByRole('listitem')
    .filter({ has: page.locator(`a[href="/student/applications/${applicationId}"]`) });
  await expect(item).toContainText(posting.title);
  await noHorizontalScroll(page);
});
