/**
 * The employer's pipeline below the pages: the list loader (filters, sorts, search, paging), the
 * XLSX export and the bulk rejection, each called with the employer's own JWT as the routes call
 * them. Applications are made by the students themselves through apply_to_opportunity; a direct
 * connection only moves time (an application that has waited ten days) and looks behind the API.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { opportunitySchema } from '../../src/lib/schemas/opportunity.ts';
import { parsePipelineQuery, type PipelineFilters } from '../../src/lib/schemas/pipeline.ts';
import { applyToOpportunity } from '../../src/lib/server/applications/apply.ts';
import { countWaitingApplications } from '../../src/lib/server/applications/employer/count-waiting-applications.ts';
import { exportPipelineXlsx } from '../../src/lib/server/applications/employer/export-pipeline-xlsx.ts';
import { loadResponseStats } from '../../src/lib/server/applications/employer/load-response-stats.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
import { loadPipeline } from '../../src/lib/server/applications/employer/load-pipeline.ts';
import { rejectApplications } from '../../src/lib/server/applications/employer/reject-applications.ts';
import { rejectApplication } from '../../src/lib/server/applications/employer/reject-application.ts';
import { makeOffer } from '../../src/lib/server/applications/employer/make-offer.ts';
import { markApplicationViewed } from '../../src/lib/server/applications/employer/mark-application-viewed.ts';
import { recordHire } from '../../src/lib/server/applications/employer/record-hire.ts';
import { kemerovoToday } from '../../src/lib/schemas/opportunity.ts';
import { createOpportunity } from '../../src/lib/server/opportunities/create-opportunity.ts';
import { publishOpportunity } from '../../src/lib/server/opportunities/publish-opportunity.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  verifyEmployer,
  type TestEmployer,
  type TestPerson,
} from '../factories/people.ts';

interface Applied {
  id: string;
  student: TestPerson;
  opportunityId: string;
  universityId: string;
  programmeCode: string;
  yearOfStudy: number;
}

let employerA: TestEmployer;
let employerB: TestEmployer;
let universityX: string;
let universityY: string;
let vacancyA: string;
let internshipA: string;
let vacancyB: string;
/** applications to employer A, in the order they were made */
const toA: Applied[] = [];
const toB: Applied[] = [];

const CONSENT_TEXT =
  'Я согласен(на) на передачу моих персональных данных работодателю для рассмотрения отклика (152-ФЗ).';

async function published(
  employer: TestEmployer,
  kind: 'vacancy' | 'internship',
  title: string,
): Promise<string> {
  const input = opportunitySchema.parse(
    kind === 'vacancy'
      ? { kind, title, employmentType: 'full', districtCode: 'leninsky' }
      : { kind, title, districtCode: 'leninsky' },
  );
  const created = await createOpportunity(
    employer.client,
    { userId: employer.id, organizationId: employer.organizationId },
    input,
  );
  if (!created.ok) throw new Error(`публикация не создана: ${created.message}`);
  const result = await publishOpportunity(employer.client, created.id, 30);
  if (!result.ok || result.status !== 'published')
    throw new Error(`не опубликована: ${JSON.stringify(result)}`);
  return created.id;
}

async function studentApplies(
  opportunityId: string,
  universityId: string,
  programmeCode: string,
  yearOfStudy: number,
): Promise<Applied> {
  const student = await createStudent({ universityId, programmeCode, yearOfStudy });
  const resume = await student.client
    .from('resumes')
    .insert({ profile_id: student.id, headline: 'Студент-энергетик', skills: ['AutoCAD', 'Excel'] });
  if (resume.error) throw new Error(`резюме: ${resume.error.message}`);
  const { data, error } = await student.client.rpc('apply_to_opportunity', {
    p_opportunity_id: opportunityId,
    p_cover_letter: 'Хочу работать у вас.',
    p_consent_version: 'transfer-2026-12',
    p_consent_text: CONSENT_TEXT,
  });
  if (error) throw new Error(`отклик: ${error.message}`);
  return { id: data[0].application_id, student, opportunityId, universityId, programmeCode, yearOfStudy };
}

const filters = (query = ''): PipelineFilters => parsePipelineQuery(new URLSearchParams(query)).filters;

beforeAll(async () => {
  const admin = await createAdministrator();
  [employerA, employerB] = await Promise.all([createEmployer(), createEmployer()]);
  [universityX, universityY] = await Promise.all([createUniversity(admin), createUniversity(admin)]);
  for (const employer of [employerA, employerB]) {
    await verifyEmployer(admin, employer.organizationId);
    // verified long ago: postings go straight to search instead of the first month's moderation
    await testDb().query(
      `update public.organizations set verified_at = now() - interval '40 days' where id = $1`,
      [employer.organizationId],
    );
  }
  vacancyA = await published(employerA, 'vacancy', 'Инженер-энергетик');
  internshipA = await published(employerA, 'internship', 'Стажировка в отделе главного механика');
  vacancyB = await published(employerB, 'vacancy', 'Экономист');
  // one after another: created_at grows in this order
  const plan: [string, string, string, number][] = [
    [vacancyA, universityX, '13.03.02', 4],
    [vacancyA, universityX, '09.03.01', 3],
    [vacancyA, universityY, '13.03.02', 2],
    [internshipA, universityY, '38.03.01', 3],
    [internshipA, universityX, '13.03.02', 4],
    [vacancyA, universityY, '09.03.01', 1],
  ];
  for (const [opportunity, university, programme, year] of plan) {
    toA.push(await studentApplies(opportunity, university, programme, year));
  }
  toB.push(await studentApplies(vacancyB, universityX, '13.03.02', 4));
  toB.push(await studentApplies(vacancyB, universityY, '09.03.01', 3));
}, 120_000);

afterAll(async () => {
  await closeFactories();
});

describe('the list', () => {
  test("shows the employer's applications and never another employer's", async () => {
    const page = await loadPipeline(employerA.client, employerA.organizationId, filters());
    expect(page.total).toBe(toA.length);
    expect(new Set(page.rows.map((r) => r.id))).toEqual(new Set(toA.map((a) => a.id)));
    for (const b of toB) expect(page.rows.map((r) => r.id)).not.toContain(b.id);
    // asking for the other employer's pipeline with one's own JWT: RLS answers nothing
    const foreign = await loadPipeline(employerA.client, employerB.organizationId, filters());
    expect(foreign.total).toBe(0);
    expect(foreign.rows).toEqual([]);
    const row = page.rows.find((r) => r.id === toA[0].id)!;
    expect(row).toMatchObject({
      applicantName: toA[0].student.fullName,
      opportunityTitle: 'Инженер-энергетик',
      yearOfStudy: 4,
      status: 'submitted',
      waitingDays: 0,
    });
    expect(row.programme).toMatch(/^13\.03\.02 /);
  });

  test('filters by posting, state, university, programme, year and name', async () => {
    const ids = async (query: string) =>
      (await loadPipeline(employerA.client, employerA.organizationId, filters(query))).rows
        .map((r) => r.id)
        .sort();
    const expected = (pick: (a: Applied) => boolean) =>
      toA
        .filter(pick)
        .map((a) => a.id)
        .sort();

    expect(await ids(`opportunity=${internshipA}`)).toEqual(expected((a) => a.opportunityId === internshipA));
    expect(await ids(`university=${universityY}`)).toEqual(expected((a) => a.universityId === universityY));
    expect(await ids('programme=13.03.02')).toEqual(expected((a) => a.programmeCode === '13.03.02'));
    expect(await ids('year=3')).toEqual(expected((a) => a.yearOfStudy === 3));
    expect(await ids(`opportunity=${vacancyA}&programme=09.03.01&year=1`)).toEqual([toA[5].id]);
    // another employer's posting as a filter: nothing, not their applications
    expect(await ids(`opportunity=${vacancyB}`)).toEqual([]);

    const surname = toA[2].student.fullName.split(' ')[0];
    expect(await ids(`q=${encodeURIComponent(surname)}`)).toEqual(
      expected((a) => a.student.fullName.includes(surname)),
    );
    // a pattern character is a letter to look for, not «anything»
    expect(await ids('q=%25')).toEqual([]);

    await testDb().query(`update public.applications set status = 'viewed' where id = $1`, [toA[1].id]);
    expect(await ids('state=viewed')).toEqual([toA[1].id]);
    expect(await ids('state=waiting')).toEqual(expected(() => true));
    expect(await ids('state=shortlisted')).toEqual([]);
  });

  test('the pipeline function reads past RLS for members of the organization only', async () => {
    // employer_pipeline() and waiting_application_counts() are security definer (the indexes RLS
    // cannot use): everyone but a member of the organization gets what RLS gave them — nothing
    const pipelineOfA = { p_organization_id: employerA.organizationId };
    const own = await employerA.client.rpc('employer_pipeline', pipelineOfA);
    expect(own.error).toBeNull();
    expect(own.data).toMatchObject({ total: toA.length });
    const student = toA[0].student;
    const admin = await createAdministrator();
    for (const outsider of [employerB.client, student.client, admin.client]) {
      const { data, error } = await outsider.rpc('employer_pipeline', {
        ...pipelineOfA,
        p_statuses: ['submitted'],
      });
      expect(error).toBeNull();
      expect(data).toEqual({ member: false, total: 0, rows: [], postings: [] });
      const counts = await outsider
        .rpc('waiting_application_counts', { p_organization_id: employerA.organizationId })
        .single();
      expect(counts.data).toEqual({ waiting: 0, overdue: 0 });
    }
    const anon = await anonClient().rpc('employer_pipeline', pipelineOfA);
    expect(anon.error?.code).toBe('42501');
    const anonCounts = await anonClient().rpc('waiting_application_counts', pipelineOfA);
    expect(anonCounts.error?.code).toBe('42501');
    // the search takes `_` and `%` as letters, and a negative page is refused, not read
    const underscore = await employerA.client.rpc('employer_pipeline', { ...pipelineOfA, p_query: '_' });
    expect(underscore.data).toMatchObject({ total: 0, rows: [] });
    const negative = await employerA.client.rpc('employer_pipeline', { ...pipelineOfA, p_offset: -1 });
    expect(negative.error?.code).toBe('22023');
  });

  test("the filters offer the applicants' universities and programmes, a new application's at once", async () => {
    const offered = async (
      client = employerA.client,
      organizationId = employerA.organizationId,
      query = '',
    ) => {
      const { options } = await loadPipeline(client, organizationId, filters(query));
      return {
        universities: options.universities.map((u) => u.value).sort(),
        programmes: options.programmes.map((p) => p.value).sort(),
      };
    };
    expect(await offered()).toEqual({
      universities: [universityX, universityY].sort(),
      programmes: ['09.03.01', '13.03.02', '38.03.01'],
    });
    // a value from a shared link is offered too, so the form shows what the list is filtered by
    expect(
      (await offered(employerA.client, employerA.organizationId, 'programme=01.03.02')).programmes,
    ).toContain('01.03.02');
    // the lists are kept for a minute, but an application this process writes shows at once
    expect((await offered()).programmes).not.toContain('15.03.01');
    const newcomer = await createStudent({
      universityId: universityX,
      programmeCode: '15.03.01',
      yearOfStudy: 2,
    });
    const resume = await newcomer.client
      .from('resumes')
      .insert({ profile_id: newcomer.id, headline: 'Механик' });
    expect(resume.error).toBeNull();
    const applied = await applyToOpportunity(newcomer.client, {
      opportunityId: vacancyA,
      coverLetter: 'Хочу к вам.',
      consent: 'on',
      applicantName: newcomer.fullName,
      meta: { ip: null, userAgent: null },
    });
    expect(applied).toMatchObject({ ok: true, created: true });
    expect((await offered()).programmes).toEqual(['09.03.01', '13.03.02', '15.03.01', '38.03.01']);
    // another employer asking for A's lists (kept in this process) gets none
    expect(await offered(employerB.client, employerA.organizationId)).toEqual({
      universities: [],
      programmes: [],
    });
    // the other tests count A's six applications
    if (applied.ok)
      await testDb().query('delete from public.applications where id = $1', [applied.applicationId]);
  });

  test('sorts: newest, oldest, by name, by last change; pages of 25', async () => {
    const order = async (query: string) =>
      (await loadPipeline(employerA.client, employerA.organizationId, filters(query))).rows.map((r) => r.id);
    expect(await order('')).toEqual(toA.map((a) => a.id).reverse());
    expect(await order('sort=oldest')).toEqual(toA.map((a) => a.id));
    const { rows: byName } = await testDb().query<{ id: string }>(
      `select id from public.applications where organization_id = $1 order by applicant_name, id`,
      [employerA.organizationId],
    );
    expect(await order('sort=name')).toEqual(byName.map((r) => r.id));
    await testDb().query(
      `update public.applications set status_changed_at = now() + interval '1 minute' where id = $1`,
      [toA[3].id],
    );
    expect((await order('sort=changed'))[0]).toBe(toA[3].id);

    const second = await loadPipeline(employerA.client, employerA.organizationId, filters('page=2'));
    expect(second).toMatchObject({ rows: [], total: toA.length, pages: 1 });
  });

  test('«ждут ответа»: counts and the filter of those older than 3 working days', async () => {
    const before = await countWaitingApplications(employerA.client, employerA.organizationId);
    await testDb().query(
      `update public.applications set created_at = now() - interval '10 days' where id = $1`,
      [toA[4].id],
    );
    const after = await countWaitingApplications(employerA.client, employerA.organizationId);
    expect(after).toEqual({ waiting: before.waiting, overdue: before.overdue + 1 });
    const overdue = await loadPipeline(
      employerA.client,
      employerA.organizationId,
      filters('state=waiting&overdue=1'),
    );
    expect(overdue.rows.map((r) => r.id)).toContain(toA[4].id);
    expect(overdue.rows.find((r) => r.id === toA[4].id)?.waitingDays).toBe(10);
    // another employer's counts through A's JWT: nothing
    expect(await countWaitingApplications(employerA.client, employerB.organizationId)).toEqual({
      waiting: 0,
      overdue: 0,
    });
  });
});

describe('the XLSX export', () => {
  test('opens with exceljs: Russian headers, real dates, frozen header, autofilter, the filtered rows only', async () => {
    const { buffer, rows } = await exportPipelineXlsx(
      employerA.client,
      employerA.organizationId,
      filters(`opportunity=${vacancyA}&sort=oldest`),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Кандидаты')!;
    expect(sheet).toBeDefined();
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['ФИО', 'Публикация', 'Вид', 'Состояние']);
    expect(header).toContain('Дата отклика');
    const expected = toA.filter((a) => a.opportunityId === vacancyA);
    expect(rows).toBe(expected.length);
    expect(sheet.rowCount).toBe(expected.length + 1);
    const names = [];
    for (let r = 2; r <= sheet.rowCount; r += 1) names.push(sheet.getRow(r).getCell(1).value);
    expect(names).toEqual(expected.map((a) => a.student.fullName));
    expect(sheet.getRow(2).getCell(2).value).toBe('Инженер-энергетик');
    const applied = sheet.getRow(2).getCell(9);
    expect(applied.value).toBeInstanceOf(Date);
    expect(applied.numFmt).toBe('dd.mm.yyyy hh:mm');
    // Kemerovo's wall clock: the cell's UTC fields are the local time (+7 h)
    const { rows: created } = await testDb().query<{ local: string }>(
      `select to_char(created_at at time zone 'Asia/Novokuznetsk', 'YYYY-MM-DD"T"HH24:MI') as local
         from public.applications where id = $1`,
      [expected[0].id],
    );
    expect((applied.value as Date).toISOString().slice(0, 16)).toBe(created[0].local);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(1).width).toBeGreaterThan(20);
    expect(sheet.getRow(2).getCell(12).value).toBe(expected[0].student.email);

    // by address, not by name: two generated people may share a name
    const emails = [];
    for (let r = 2; r <= sheet.rowCount; r += 1) emails.push(sheet.getRow(r).getCell(12).value);
    for (const b of toB) expect(emails).not.toContain(b.student.email);
    const foreign = await exportPipelineXlsx(employerA.client, employerB.organizationId, filters());
    expect(foreign.rows).toBe(0);
  });
});

describe('bulk rejection', () => {
  test('rejects the allowed ones and reports the rest, changing nothing of another employer', async () => {
    const [first, second, alreadyRejected] = [toA[0], toA[2], toA[5]];
    const single = await rejectApplication(employerA.client, alreadyRejected.id, {
      reason: 'position_filled',
      message: null,
    });
    expect(single).toEqual({ ok: true, data: undefined });
    const foreign = toB[0];

    const result = await rejectApplications(
      employerA.client,
      [first.id, second.id, alreadyRejected.id, foreign.id],
      {
        reason: 'not_enough_experience',
        message: 'Спасибо за интерес к нашей компании!',
      },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.rejected.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    expect(result.data.rejected.map((r) => r.name).sort()).toEqual(
      [first.student.fullName, second.student.fullName].sort(),
    );
    expect(result.data.refused).toEqual([
      {
        id: alreadyRejected.id,
        name: alreadyRejected.student.fullName,
        message: 'Нельзя отказать: отклик в состоянии «отказ»',
      },
      { id: foreign.id, name: 'Неизвестный отклик', message: 'Отклик не найден' },
    ]);

    const { rows } = await testDb().query<{ id: string; status: string; rejection_reason: string | null }>(
      `select id, status, rejection_reason from public.applications where id = any($1)`,
      [[first.id, second.id, alreadyRejected.id, foreign.id]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first.id)).toMatchObject({
      status: 'rejected',
      rejection_reason: 'not_enough_experience',
    });
    expect(byId.get(second.id)).toMatchObject({
      status: 'rejected',
      rejection_reason: 'not_enough_experience',
    });
    expect(byId.get(alreadyRejected.id)).toMatchObject({ rejection_reason: 'position_filled' });
    expect(byId.get(foreign.id)).toMatchObject({ status: 'submitted', rejection_reason: null });
    const { rows: events } = await testDb().query<{ note: string }>(
      `select note from public.application_events where application_id = $1 and to_status = 'rejected'`,
      [first.id],
    );
    expect(events).toEqual([{ note: 'Спасибо за интерес к нашей компании!' }]);
  });

  test('a reason outside the list refuses the whole batch at the field', async () => {
    const result = await rejectApplications(employerA.client, [toA[1].id], {
      reason: 'rude' as never,
      message: null,
    });
    expect(result).toMatchObject({
      ok: false,
      field: 'reason',
      message: 'Выберите причину отказа из списка',
    });
    const { rows } = await testDb().query<{ status: string }>(
      `select status from public.applications where id = $1`,
      [toA[1].id],
    );
    expect(rows[0].status).toBe('viewed');
  });
});

describe('dates are Kemerovo dates', () => {
  test("a hire documented on Kemerovo's today is accepted, whatever the server's date (fix 20261201002200)", async () => {
    // Before the fix record_hire compared with current_date (UTC): between 00:00 and 07:00 in
    // Kemerovo «today» was refused as a document «in the future».
    const { rows } = await testDb().query<{ today: string }>(
      `select app_private.kemerovo_today()::text as today`,
    );
    expect(rows[0].today).toBe(kemerovoToday());

    const applied = await studentApplies(vacancyA, universityX, '13.03.02', 4);
    expect(await markApplicationViewed(employerA.client, applied.id)).toEqual({ ok: true, data: 'viewed' });
    const today = kemerovoToday();
    expect(
      await makeOffer(employerA.client, applied.id, {
        answerBy: today,
        note: null,
        terms: { position: 'Инженер-энергетик', start_date: today, pay: 60000 },
      }),
    ).toEqual({ ok: true, data: undefined });
    const accepted = await applied.student.client.rpc('accept_offer', { p_id: applied.id });
    expect(accepted.error).toBeNull();
    const hired = await recordHire(employerA.client, applied.id, {
      startDate: today,
      position: 'Инженер-энергетик',
      documentKind: 'order',
      documentNumber: '15-к',
      documentDate: today,
    });
    expect(hired.ok).toBe(true);
    const future = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const again = await studentApplies(vacancyA, universityY, '13.03.02', 2);
    await markApplicationViewed(employerA.client, again.id);
    await makeOffer(employerA.client, again.id, {
      answerBy: today,
      note: null,
      terms: { position: 'Инженер', start_date: today, pay: null },
    });
    await again.student.client.rpc('accept_offer', { p_id: again.id });
    expect(
      await recordHire(employerA.client, again.id, {
        startDate: today,
        position: 'Инженер',
        documentKind: 'order',
        documentNumber: '16-к',
        documentDate: future,
      }),
    ).toMatchObject({ ok: false, field: 'documentDate', status: 400 });
  });
});

describe('response stats on the public pages', () => {
  test('shown from 5 applications on, from what the employer answered; nothing below', async () => {
    const anon = anonClient();
    const a = await loadResponseStats(anon, employerA.organizationId);
    const { rows } = await testDb().query<{ total: number; answered: number }>(
      `select count(*)::int as total, count(first_answer_at)::int as answered
         from public.applications where organization_id = $1`,
      [employerA.organizationId],
    );
    expect(rows[0].total).toBeGreaterThanOrEqual(5);
    expect(a).toMatchObject({ applications: rows[0].total, answered: rows[0].answered });
    expect(a?.responseRate).toBeCloseTo(rows[0].answered / rows[0].total, 2);
    expect(a?.medianHours).not.toBeNull();
    const b = await loadResponseStats(anon, employerB.organizationId);
    expect(b).toMatchObject({ applications: 2, responseRate: null, medianHours: null });
  });
});
