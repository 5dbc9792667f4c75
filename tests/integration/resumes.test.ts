/**
 * Résumés and their private PDF files through PostgREST with each person's own JWT: who reads and
 * writes a résumé, who reads a file (the owner; an employer only once the student applied to it;
 * the administration), and that the database itself refuses bytes that are not a PDF. The app's
 * own modules (save-resume.ts, attach-resume-file.ts, store-file.ts) are called as the routes call
 * them. A direct superuser connection only arranges time and looks behind the API.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { opportunitySchema } from '../../src/lib/schemas/opportunity.ts';
import { resumeSchema } from '../../src/lib/schemas/resume.ts';
import { createOpportunity } from '../../src/lib/server/opportunities/create-opportunity.ts';
import { publishOpportunity } from '../../src/lib/server/opportunities/publish-opportunity.ts';
import { attachResumeFile } from '../../src/lib/server/resumes/attach-resume-file.ts';
import { saveResume } from '../../src/lib/server/resumes/save-resume.ts';
import { readStoredFile, storeFile } from '../../src/lib/server/files/store-file.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';

/** A small but real PDF (one empty page), made here rather than read from a fixture. */
function tinyPdf(note = 'resume'): Uint8Array {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    `% ${note}`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n');
  return new TextEncoder().encode(body);
}

let admin: TestMember;
let student: TestPerson;
let otherStudent: TestPerson;
let employer: TestEmployer;
let otherEmployer: TestEmployer;
let opportunityId: string;
let fileId: string;

const validResume = resumeSchema.parse({
  headline: 'Инженер-электрик',
  about: 'Люблю схемы и порядок.',
  averageGrade: '4,6',
  skills: ['AutoCAD', ' autocad ', 'Python, SQL'],
  experience: [
    {
      kind: 'work',
      title: 'Практикант',
      organization: 'ООО «Кузбассэнерго»',
      from: '2024-06',
      to: '2024-08',
      description: '',
    },
  ],
  languages: [{ language: 'Английский', level: 'B2' }],
  desiredKinds: ['internship', 'vacancy'],
  desiredDistricts: ['leninsky'],
  desiredSchedules: ['full_day'],
  portfolioUrl: 'https://example.ru/portfolio',
  githubUrl: 'https://github.com/example',
});

async function fileRows(ownerId: string): Promise<number> {
  const { rows } = await testDb().query<{ n: number }>(
    'select count(*)::int as n from public.files where owner_id = $1',
    [ownerId],
  );
  return rows[0].n;
}

beforeAll(async () => {
  admin = await createAdministrator();
  const universityId = await createUniversity(admin);
  [student, otherStudent, employer, otherEmployer] = await Promise.all([
    createStudent({ universityId, yearOfStudy: 3 }),
    createStudent({ universityId, yearOfStudy: 2 }),
    createEmployer(),
    createEmployer(),
  ]);
  await verifyEmployer(admin, employer.organizationId);
  await verifyEmployer(admin, otherEmployer.organizationId);
  // verified long ago: its postings are published without the first month's moderation
  await testDb().query(
    `update public.organizations set verified_at = now() - interval '40 days' where id = $1`,
    [employer.organizationId],
  );
  const draft = await createOpportunity(
    employer.client,
    { userId: employer.id, organizationId: employer.organizationId },
    opportunitySchema.parse({
      kind: 'vacancy',
      title: 'Инженер-электрик на подстанцию',
      employmentType: 'full',
      districtCode: 'leninsky',
    }),
  );
  if (!draft.ok) throw new Error(draft.message);
  const published = await publishOpportunity(employer.client, draft.id, 30);
  expect(published).toEqual({ ok: true, status: 'published' });
  opportunityId = draft.id;
});

afterAll(async () => {
  await closeFactories();
});

describe('résumés', () => {
  test('the owner writes and reads their résumé; skills are trimmed and deduplicated', async () => {
    expect(await saveResume(student.client, student.id, validResume)).toEqual({ ok: true });
    const { data, error } = await student.client
      .from('resumes')
      .select('*')
      .eq('profile_id', student.id)
      .single();
    expect(error).toBeNull();
    expect(data).toMatchObject({
      headline: 'Инженер-электрик',
      average_grade: 4.6,
      skills: ['AutoCAD', 'Python', 'SQL'],
      desired_districts: ['leninsky'],
      languages: [{ language: 'Английский', level: 'B2' }],
    });
    expect(data!.experience).toEqual([
      {
        kind: 'work',
        title: 'Практикант',
        organization: 'ООО «Кузбассэнерго»',
        from: '2024-06',
        to: '2024-08',
        description: null,
      },
    ]);
    // a second save updates the one row
    expect(await saveResume(student.client, student.id, { ...validResume, headline: 'Электрик' })).toEqual({
      ok: true,
    });
    const { rows } = await testDb().query('select headline from public.resumes where profile_id = $1', [
      student.id,
    ]);
    expect(rows).toEqual([{ headline: 'Электрик' }]);
  });

  test('another student, an employer and anon neither read nor change it', async () => {
    for (const reader of [otherStudent.client, employer.client, anonClient()]) {
      const { data } = await reader.from('resumes').select('profile_id').eq('profile_id', student.id);
      expect(data ?? []).toEqual([]);
    }
    const changed = await otherStudent.client
      .from('resumes')
      .update({ headline: 'Взломано' })
      .eq('profile_id', student.id)
      .select('profile_id');
    expect(changed.data ?? []).toEqual([]);
    const forged = await otherStudent.client
      .from('resumes')
      .insert({ profile_id: student.id, headline: 'Чужое' });
    expect(forged.error).not.toBeNull();
    const { rows } = await testDb().query('select headline from public.resumes where profile_id = $1', [
      student.id,
    ]);
    expect(rows).toEqual([{ headline: 'Электрик' }]);
  });

  test('an employer cannot keep a résumé, and an unknown district is refused at its field', async () => {
    const asEmployer = await saveResume(employer.client, employer.id, validResume);
    expect(asEmployer).toMatchObject({ ok: false, status: 403 });
    const badDistrict = await saveResume(otherStudent.client, otherStudent.id, {
      ...validResume,
      desiredDistricts: ['nowhere'],
    });
    expect(badDistrict).toMatchObject({ ok: false, field: 'desiredDistricts' });
    expect(badDistrict.ok === false && badDistrict.message).toMatch(/района nowhere нет в справочнике/i);
  });
});

describe('files', () => {
  test('the owner uploads a PDF and reads the same bytes back', async () => {
    const bytes = tinyPdf();
    const result = await attachResumeFile(student.client, student.id, { name: 'Резюме Иванова.pdf', bytes });
    expect(result.ok).toBe(true);
    fileId = result.ok ? result.fileId! : '';
    const file = await readStoredFile(student.client, fileId);
    expect(file?.fileName).toBe('Резюме Иванова.pdf');
    expect(file?.bytes.equals(Buffer.from(bytes))).toBe(true);
    const { rows } = await testDb().query<{ sha256: string; attachment_id: string }>(
      `select f.sha256, r.attachment_id from public.files f join public.resumes r on r.profile_id = f.owner_id
        where f.id = $1`,
      [fileId],
    );
    expect(rows[0]).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      attachment_id: fileId,
    });
  });

  test('non-PDF bytes named .pdf are refused by the app and by the database; nothing is written', async () => {
    const before = await fileRows(student.id);
    const fake = new TextEncoder().encode('MZ this is an executable, not a PDF %%EOF');
    const refused = await attachResumeFile(student.client, student.id, { name: 'resume.pdf', bytes: fake });
    expect(refused).toMatchObject({ ok: false, field: 'attachment', status: 400 });
    expect(refused.ok === false && refused.message).toMatch(/это не PDF/);
    // past the app's check, straight through PostgREST: the table's constraint refuses it
    const direct = await storeFile(student.client, {
      ownerId: student.id,
      fileName: 'resume.pdf',
      contentType: 'application/pdf',
      bytes: fake,
    });
    expect(direct).toEqual({
      ok: false,
      message: 'PDF-файл: это не PDF — загрузите файл в формате PDF',
      status: 400,
    });
    // more than 5 MB is refused before anything is stored
    const big = new Uint8Array(6 * 1024 * 1024);
    big.set(tinyPdf());
    const tooBig = await attachResumeFile(student.client, student.id, { name: 'big.pdf', bytes: big });
    expect(tooBig).toMatchObject({ ok: false, field: 'attachment', status: 413 });
    expect(await fileRows(student.id)).toBe(before);
  });

  test('nobody uploads a file in another person’s name', async () => {
    const forged = await storeFile(otherStudent.client, {
      ownerId: student.id,
      fileName: 'чужой.pdf',
      contentType: 'application/pdf',
      bytes: tinyPdf('forged'),
    });
    expect(forged.ok).toBe(false);
  });

  test('before the student applies only the owner and the administration read the file', async () => {
    expect(await readStoredFile(student.client, fileId)).not.toBeNull();
    expect(await readStoredFile(admin.client, fileId)).not.toBeNull();
    for (const reader of [otherStudent.client, employer.client, otherEmployer.client, anonClient()]) {
      expect(await readStoredFile(reader, fileId)).toBeNull();
    }
  });

  test('once the student applies, the employer applied to reads it; another employer still does not', async () => {
    const { data, error } = await student.client.rpc('apply_to_opportunity', {
      p_opportunity_id: opportunityId,
      p_cover_letter: 'Здравствуйте! Хочу к вам на подстанцию.',
      p_consent_version: 'test-1',
      p_consent_text:
        'Я согласен на передачу моих персональных данных работодателю для рассмотрения отклика на публикацию.',
    });
    expect(error).toBeNull();
    expect(data?.[0]?.created).toBe(true);

    const seen = await readStoredFile(employer.client, fileId);
    expect(seen?.bytes.equals(Buffer.from(tinyPdf()))).toBe(true);
    for (const reader of [otherEmployer.client, otherStudent.client, anonClient()]) {
      expect(await readStoredFile(reader, fileId)).toBeNull();
    }

    // a later upload is a new file: the employer keeps the one that was sent, and not the new one
    const replaced = await attachResumeFile(student.client, student.id, {
      name: 'новое.pdf',
      bytes: tinyPdf('v2'),
    });
    expect(replaced.ok).toBe(true);
    const newId = replaced.ok ? replaced.fileId! : '';
    expect(await readStoredFile(employer.client, fileId)).not.toBeNull();
    expect(await readStoredFile(employer.client, newId)).toBeNull();
    // and the employer cannot read the résumé row itself, only the frozen snapshot of the application
    const { data: rows } = await employer.client
      .from('resumes')
      .select('profile_id')
      .eq('profile_id', student.id);
    expect(rows ?? []).toEqual([]);
  });
});
