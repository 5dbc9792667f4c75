import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NUL_IN_ADDRESS_MESSAGE, UNREADABLE_FORM_MESSAGE } from '../../src/lib/server/malformed-input.ts';
import { createApplicant, createApplicationWorld, publishPosting } from '../factories/applications.ts';
import { signedInCookie, startBuiltApp, type BuiltApp } from '../factories/built-app.ts';
import { testDb } from '../factories/db.ts';
import { closeFactories, type TestPerson } from '../factories/people.ts';

/**
 * Input nobody types but anybody can send (src/lib/server/malformed-input.ts), found by throwing it
 * at every action of the application flow, where each of these had answered 500: a NUL byte in the
 * address, a form body that cannot be parsed, an address that names no posting. Each is now a 4xx
 * with a Russian message, and nothing is written; NUL characters in form text are dropped. Through
 * the built app.
 */
let app: BuiltApp;
let student: TestPerson;
let studentCookie: string;
let employerCookie: string;
let postingId: string;

beforeAll(async () => {
  const world = await createApplicationWorld();
  student = await createApplicant(world.universityA);
  postingId = await publishPosting(world.employerA, 'vacancy');
  app = await startBuiltApp();
  [studentCookie, employerCookie] = await Promise.all([
    signedInCookie(student),
    signedInCookie(world.employerA),
  ]);
}, 600_000);

afterAll(async () => {
  await app?.stop();
  await closeFactories();
});

const applicationsOf = async (profileId: string) =>
  (
    await testDb().query<{ cover_letter: string }>(
      `select d.cover_letter from public.applications a
         join public.application_documents d on d.application_id = a.id
        where a.applicant_id = $1`,
      [profileId],
    )
  ).rows;

function apply(
  cookie: string,
  id: string,
  body: BodyInit,
  headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' },
) {
  return fetch(`${app.base}/opportunities/${id}?/apply`, {
    method: 'POST',
    redirect: 'manual',
    // a browser's form post: the answer is a page or a redirect (with */* SvelteKit answers JSON)
    headers: { cookie, origin: app.base, accept: 'text/html', ...headers },
    body,
  });
}

describe('input nobody types', () => {
  test('a NUL byte in the address is a 400 with a Russian message, for visitors and signed-in people', async () => {
    for (const [path, cookie] of [
      ['/opportunities?q=%D0%B8%D0%BD%00%D0%B6', ''],
      ['/employer/applications?state=submitted&q=a%00b', employerCookie],
      ['/student/applications/%00', studentCookie],
    ] as const) {
      const res = await fetch(`${app.base}${path}`, { headers: { cookie }, redirect: 'manual' });
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toContain(NUL_IN_ADDRESS_MESSAGE);
    }
    // the same addresses without the byte are pages as usual
    const fine = await fetch(`${app.base}/employer/applications?state=submitted&q=ab`, {
      headers: { cookie: employerCookie },
      redirect: 'manual',
    });
    expect(fine.status).toBe(200);
  });

  test('a form body that cannot be read is a 400 with a Russian message, and nothing is written', async () => {
    const broken = '--zzz\r\nContent-Disposition: form-data; name="coverLetter"\r\n\r\nнедописано';
    for (const accept of ['application/json', 'text/html']) {
      const res = await apply(studentCookie, postingId, broken, {
        'content-type': 'multipart/form-data; boundary=zzz',
        accept,
        ...(accept === 'application/json' ? { 'x-sveltekit-action': 'true' } : {}),
      });
      expect(res.status, accept).toBe(400);
      expect(await res.text(), accept).toContain(UNREADABLE_FORM_MESSAGE);
    }
    // a body that is no form at all: SvelteKit's 415, worded as the client's fault, not ours
    const json = await apply(studentCookie, postingId, '{"coverLetter":"x"}', {
      'content-type': 'application/json',
    });
    expect(json.status).toBe(415);
    expect(await json.text()).toContain('Запрос не удалось обработать');
    expect(await applicationsOf(student.id)).toHaveLength(0);
  });

  test('applying at an address that names no posting is a 404 and writes nothing; so is a placements page naming no organization', async () => {
    for (const id of ['-1', 'not-a-posting', "1'%3B%20drop%20table%20applications%3B--"]) {
      const res = await apply(studentCookie, id, 'coverLetter=x&consent=on');
      expect(res.status, id).toBe(404);
    }
    expect(await applicationsOf(student.id)).toHaveLength(0);
    // a page of one employer's practice placements, at an address that names no organization
    for (const id of ['-1', 'x']) {
      const res = await fetch(`${app.base}/practices/employer/${id}`, {
        headers: { cookie: employerCookie, accept: 'text/html' },
        redirect: 'manual',
      });
      expect(res.status, id).toBe(404);
    }
  });

  test('NUL characters in a form’s text are dropped; the rest of the text is kept', async () => {
    const res = await apply(
      studentCookie,
      postingId,
      new URLSearchParams({ coverLetter: 'Здравствуйте!\u0000 Хочу к вам.', consent: 'on' }).toString(),
    );
    expect(res.status).toBe(303);
    expect(await applicationsOf(student.id)).toEqual([{ cover_letter: 'Здравствуйте! Хочу к вам.' }]);
  });
});
