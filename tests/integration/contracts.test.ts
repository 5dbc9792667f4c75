/**
 * Partnership contracts through PostgREST with each person's own JWT: who may make which move in
 * which state, what each party (and everyone else) may read, the signed scan, and the hourly task
 * that expires contracts and warns both sides 30 and 7 days before — with a real graphile-worker
 * and a real SMTP server, once each even when the task runs twice. A direct superuser connection only
 * moves time (a term about to end) and looks behind the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContractTermsTask } from '../../src/lib/server/jobs/tasks/check-contract-terms.ts';
import { notifyContractEventTask } from '../../src/lib/server/jobs/tasks/notify-contract-event.ts';
import { uploadContractScan } from '../../src/lib/server/contracts/upload-contract-scan.ts';
import { anonClient, type Supabase } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  createUniversityStaff,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';
import { startTestWorker, waitUntil, type TestWorker } from '../factories/worker.ts';

let admin: TestMember;
let employer: TestEmployer;
let otherEmployer: TestEmployer;
let pendingEmployer: TestEmployer;
let university: TestMember;
let otherUniversity: TestMember;
let student: TestPerson;
let otherStudent: TestPerson;
let worker: TestWorker;

const day = (offset: number) => {
  const d = new Date(Date.now() + 7 * 3600_000); // Kemerovo date
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

function contractArgs(over: Record<string, unknown> = {}) {
  return {
    p_employer_id: employer.organizationId,
    p_university_id: university.organizationId,
    p_kind: 'practice' as const,
    p_number: `П-${Math.random().toString(36).slice(2, 8)}`,
    p_signed_on: day(-10),
    p_valid_from: day(-10),
    p_valid_to: day(365),
    p_programme_codes: ['18.03.01', '09.03.01'],
    p_places_per_year: 12,
    p_premises_address: 'г. Кемерово, пр. Кузнецкий, 30',
    ...over,
  };
}

async function propose(by: TestPerson, over: Record<string, unknown> = {}): Promise<string> {
  const { data, error } = await by.client.rpc('propose_contract', contractArgs(over));
  if (error) throw new Error(`договор не предложен: ${error.message}`);
  return data;
}

async function statusOf(id: string): Promise<string> {
  const { rows } = await testDb().query<{ status: string }>(
    'select status from public.partnership_contracts where id = $1',
    [id],
  );
  return rows[0].status;
}

async function eventsOf(id: string): Promise<string[]> {
  const { rows } = await testDb().query<{ to_status: string }>(
    'select to_status from public.contract_events where contract_id = $1 order by id',
    [id],
  );
  return rows.map((r) => r.to_status);
}

beforeAll(async () => {
  admin = await createAdministrator();
  const [uni, otherUni] = await Promise.all([createUniversity(admin), createUniversity(admin)]);
  [university, otherUniversity, employer, otherEmployer, pendingEmployer, student, otherStudent] =
    await Promise.all([
      createUniversityStaff(admin, uni),
      createUniversityStaff(admin, otherUni),
      createEmployer(),
      createEmployer(),
      createEmployer(),
      createStudent({ universityId: uni }),
      createStudent({ universityId: uni }),
    ]);
  await verifyEmployer(admin, employer.organizationId);
  await verifyEmployer(admin, otherEmployer.organizationId);
  worker = await startTestWorker({
    notify_contract_event: notifyContractEventTask,
    check_contract_terms: checkContractTermsTask,
  });
});

afterAll(async () => {
  await worker?.stop();
  await closeFactories();
});

describe('moves', () => {
  it('an employer proposes, only the university confirms, and the university hears of it by email', async () => {
    const id = await propose(employer);
    expect(await statusOf(id)).toBe('proposed');
    for (const wrong of [employer, otherEmployer, otherUniversity, student, admin]) {
      const { error } = await wrong.client.rpc('confirm_contract', { p_id: id });
      expect(error?.code, wrong.email).toBe('42501');
    }
    expect(await statusOf(id)).toBe('proposed');
    expect((await university.client.rpc('confirm_contract', { p_id: id })).error).toBeNull();
    expect(await statusOf(id)).toBe('active');
    const again = await university.client.rpc('confirm_contract', { p_id: id });
    expect(again.error?.code).toBe('22023');
    expect(again.error?.message).toContain('действует');
    expect(await eventsOf(id)).toEqual(['proposed', 'active']);

    const proposal = await waitUntil('письмо вузу', async () =>
      worker.lettersTo(university.email).find((m) => m.subject.includes('предлагает')),
    );
    expect(proposal.text).toContain('/university/contracts');
    const confirmed = await waitUntil('письмо работодателю', async () =>
      worker.lettersTo(employer.email).find((m) => m.subject.includes('подтверждён')),
    );
    expect(confirmed.text).toContain('/employer/contracts');
  });

  it('a university proposes and the employer declines with a reason; a declined contract cannot be confirmed or terminated', async () => {
    const id = await propose(university);
    const noReason = await employer.client.rpc('decline_contract', { p_id: id, p_reason: ' ' });
    expect(noReason.error?.hint).toBe('reason');
    const proposerDeclines = await university.client.rpc('decline_contract', {
      p_id: id,
      p_reason: 'передумали',
    });
    expect(proposerDeclines.error?.code).toBe('42501');
    expect(
      (await employer.client.rpc('decline_contract', { p_id: id, p_reason: 'Неверный номер' })).error,
    ).toBeNull();
    expect(await statusOf(id)).toBe('declined');
    expect((await employer.client.rpc('confirm_contract', { p_id: id })).error?.code).toBe('22023');
    expect((await employer.client.rpc('terminate_contract', { p_id: id, p_reason: 'x' })).error?.code).toBe(
      '22023',
    );
  });

  it('either party or the administration terminates an active contract with a reason; nobody else', async () => {
    const id = await propose(employer);
    await university.client.rpc('confirm_contract', { p_id: id });
    for (const wrong of [otherEmployer, otherUniversity, student]) {
      const { error } = await wrong.client.rpc('terminate_contract', { p_id: id, p_reason: 'нет' });
      expect(error?.code, wrong.email).toBe('42501');
    }
    expect((await employer.client.rpc('terminate_contract', { p_id: id, p_reason: '' })).error?.hint).toBe(
      'reason',
    );
    expect(
      (await university.client.rpc('terminate_contract', { p_id: id, p_reason: 'Реорганизация' })).error,
    ).toBeNull();
    expect(await statusOf(id)).toBe('terminated');
    expect(
      (await admin.client.rpc('terminate_contract', { p_id: id, p_reason: 'ещё раз' })).error?.code,
    ).toBe('22023');

    const second = await propose(university);
    await employer.client.rpc('confirm_contract', { p_id: second });
    expect(
      (await admin.client.rpc('terminate_contract', { p_id: second, p_reason: 'Решение суда' })).error,
    ).toBeNull();
    expect(await statusOf(second)).toBe('terminated');
  });

  it('only the administration registers a contract, which is active at once', async () => {
    for (const wrong of [employer, university, student]) {
      const { error } = await wrong.client.rpc('register_contract', contractArgs());
      expect(error?.code, wrong.email).toBe('42501');
    }
    const { data: id, error } = await admin.client.rpc(
      'register_contract',
      contractArgs({ p_valid_to: null }),
    );
    expect(error).toBeNull();
    expect(await statusOf(id!)).toBe('active');
    expect(await eventsOf(id!)).toEqual(['active']);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const { rows: before } = await testDb().query<{ n: number }>(
      'select count(*)::int as n from public.partnership_contracts',
    );
    const cases: [Record<string, unknown>, string, TestPerson?][] = [
      [{ p_valid_to: day(-20) }, 'valid_to'],
      [{ p_valid_from: day(10), p_valid_to: day(5) }, 'valid_to'],
      [{ p_programme_codes: ['99.99.99'] }, 'programme_codes'],
      [{ p_number: '  ' }, 'number'],
      [{ p_signed_on: day(3) }, 'signed_on'],
      [{ p_places_per_year: 0 }, 'places_per_year'],
      [{ p_university_id: otherEmployer.organizationId }, 'university_id'],
    ];
    for (const [over, hint] of cases) {
      const { error } = await employer.client.rpc('propose_contract', contractArgs(over));
      expect(error?.hint, JSON.stringify(over)).toBe(hint);
      expect(error?.message).toMatch(/[а-яё]/i);
    }
    // an employer not yet verified cannot sign, whoever proposes
    const { error: pending } = await university.client.rpc(
      'propose_contract',
      contractArgs({ p_employer_id: pendingEmployer.organizationId }),
    );
    expect(pending?.hint).toBe('employer_id');
    // not a party
    const { error: stranger } = await otherEmployer.client.rpc('propose_contract', contractArgs());
    expect(stranger?.code).toBe('42501');
    const { rows: after } = await testDb().query<{ n: number }>(
      'select count(*)::int as n from public.partnership_contracts',
    );
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('who reads what', () => {
  let proposed: string;
  let active: string;
  let scanId: string;

  beforeAll(async () => {
    const pdf = new File([Buffer.from('%PDF-1.4\n% договор\n%%EOF\n')], 'договор.pdf', {
      type: 'application/pdf',
    });
    const uploaded = await uploadContractScan(employer.client, employer.id, pdf);
    if (!uploaded.ok) throw new Error(uploaded.message);
    scanId = uploaded.id;
    proposed = await propose(employer);
    active = await propose(employer, { p_scan_file_id: scanId });
    await university.client.rpc('confirm_contract', { p_id: active });
  });

  const visible = async (
    client: Supabase,
    table: 'partnership_contracts' | 'contract_events',
    ids: string[],
  ) => {
    const column = table === 'partnership_contracts' ? 'id' : 'contract_id';
    const { data, error } = await client.from(table).select(column).in(column, ids);
    if (error) return error.code === '42501' ? 0 : Promise.reject(new Error(error.message));
    return new Set((data as unknown as Record<string, string>[]).map((r) => r[column])).size;
  };

  it('contracts and their events: the two parties and the administration, nobody else', async () => {
    const matrix: [string, Supabase, number][] = [
      ['anon', anonClient(), 0],
      ['student', student.client, 0],
      ['another student', otherStudent.client, 0],
      ['employer party', employer.client, 2],
      ['other employer', otherEmployer.client, 0],
      ['university party', university.client, 2],
      ['other university', otherUniversity.client, 0],
      ['admin', admin.client, 2],
    ];
    for (const [who, client, n] of matrix) {
      expect(await visible(client, 'partnership_contracts', [proposed, active]), who).toBe(n);
      expect(await visible(client, 'contract_events', [proposed, active]), who).toBe(n);
    }
  });

  it('the public block shows only active contracts, with public fields, to anyone', async () => {
    for (const client of [anonClient(), otherStudent.client, otherEmployer.client]) {
      const { data, error } = await client.rpc('partner_contracts', {
        p_organization_id: employer.organizationId,
      });
      expect(error).toBeNull();
      const ids = data!.map((r) => r.contract_id);
      expect(ids).toContain(active);
      expect(ids).not.toContain(proposed);
      expect(Object.keys(data![0]).sort()).toEqual(
        [
          'contract_id',
          'employer_id',
          'employer_name',
          'kind',
          'programme_codes',
          'university_id',
          'university_name',
          'valid_from',
          'valid_to',
        ].sort(),
      );
    }
    const { data: fromUniversity } = await anonClient().rpc('partner_contracts', {
      p_organization_id: university.organizationId,
    });
    expect(fromUniversity!.map((r) => r.contract_id)).toContain(active);
  });

  it('the signed scan: the parties and the administration read it, nobody else; only PDF bytes are stored', async () => {
    const matrix: [string, Supabase, number][] = [
      ['anon', anonClient(), 0],
      ['student', student.client, 0],
      ['employer party (owner)', employer.client, 1],
      ['other employer', otherEmployer.client, 0],
      ['university party', university.client, 1],
      ['other university', otherUniversity.client, 0],
      ['admin', admin.client, 1],
    ];
    for (const [who, client, n] of matrix) {
      const { data } = await client.from('files').select('id').eq('id', scanId);
      expect(data?.length ?? 0, who).toBe(n);
    }
    const html = new File([Buffer.from('<html>не PDF</html>')], 'x.pdf', { type: 'application/pdf' });
    const refused = await uploadContractScan(employer.client, employer.id, html);
    expect(refused).toMatchObject({ ok: false, field: 'scan', message: 'Скан должен быть файлом PDF' });
    // around the app's check, the database refuses too
    const { error } = await employer.client.from('files').insert({
      owner_id: employer.id,
      purpose: 'contract_scan',
      file_name: 'x.pdf',
      content_type: 'application/pdf',
      byte_size: 4,
      sha256: 'a'.repeat(64),
      content: '\\x3c68746d',
    });
    expect(error?.code).toBe('23514');
    // someone else's file cannot be attached
    const { error: foreign } = await university.client.rpc('attach_contract_scan', {
      p_id: active,
      p_file_id: scanId,
    });
    expect(foreign?.hint).toBe('scan');
  });
});

describe('terms (cron task check_contract_terms)', () => {
  it('warns both sides 30 and 7 days before the end, each once even when the task runs twice', async () => {
    const id = await propose(employer, { p_valid_to: day(20) });
    await university.client.rpc('confirm_contract', { p_id: id });
    const both = [employer.email, university.email];
    const expiring = (to: string, days: number) =>
      worker.lettersTo(to).filter((m) => m.subject.startsWith(`Через ${days} дней`) && m.text.includes('П-'));

    await worker.run('check_contract_terms');
    await worker.run('check_contract_terms');
    await worker.drain(both);
    for (const to of both) {
      await waitUntil(`30-дневное письмо ${to}`, async () => expiring(to, 30).length > 0);
      expect(expiring(to, 30), to).toHaveLength(1);
      expect(expiring(to, 7), to).toHaveLength(0);
    }
    expect(expiring(employer.email, 30)[0].text).toContain('/employer/contracts');
    expect(expiring(university.email, 30)[0].text).toContain('/university/contracts');

    await testDb().query('update public.partnership_contracts set valid_to = $2 where id = $1', [id, day(5)]);
    await worker.run('check_contract_terms');
    await worker.run('check_contract_terms');
    await worker.drain(both);
    for (const to of both) {
      await waitUntil(`7-дневное письмо ${to}`, async () => expiring(to, 7).length > 0);
      expect(expiring(to, 7), to).toHaveLength(1);
      expect(expiring(to, 30), to).toHaveLength(1);
    }
  });

  it('marks a contract expired the day after its term, once', async () => {
    const id = await propose(employer, { p_valid_to: day(1) });
    await university.client.rpc('confirm_contract', { p_id: id });
    await worker.run('check_contract_terms');
    expect(await statusOf(id)).toBe('active');
    await testDb().query('update public.partnership_contracts set valid_to = $2 where id = $1', [
      id,
      day(-1),
    ]);
    await worker.run('check_contract_terms');
    await worker.run('check_contract_terms');
    expect(await statusOf(id)).toBe('expired');
    expect(await eventsOf(id)).toEqual(['proposed', 'active', 'expired']);
    const { data } = await anonClient().rpc('partner_contracts', {
      p_organization_id: employer.organizationId,
    });
    expect(data!.map((r) => r.contract_id)).not.toContain(id);
    expect((await employer.client.rpc('terminate_contract', { p_id: id, p_reason: 'x' })).error?.code).toBe(
      '22023',
    );
  });
});
