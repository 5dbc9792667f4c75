/**
 * Practice placements made the way real ones are: a published practice posting of a verified
 * employer (inserted directly, as the demo seed does — posting is tested elsewhere), then the
 * student's résumé, application and acceptance and the employer's offer, each through PostgREST
 * with that person's own JWT.
 */
import {
  TRANSFER_CONSENT_VERSION,
  transferConsentText,
} from '../../src/lib/consents/transfer-to-employer.ts';
import { testDb } from './db.ts';
import type { TestEmployer, TestPerson } from './people.ts';

export const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function must<T>(what: string, call: PromiseLike<{ data: T; error: { message: string } | null }>) {
  const { data, error } = await call;
  if (error) throw new Error(`${what}: ${error.message}`);
  return data;
}

/** A published practice posting of the employer, open to every university. */
export async function practicePosting(employer: TestEmployer): Promise<string> {
  const { rows } = await testDb().query<{ id: string }>(
    `insert into public.opportunities
       (organization_id, kind, status, title, description_html, description_text, district_code, address,
        apply_by, published_at, expires_at, created_by, practice_type, seats, programme_codes)
     values ($1, 'practice', 'published', 'Производственная практика в цехе КИПиА', '<p>Практика</p>', 'Практика',
             'zavodsky', 'г. Кемерово, ул. Грузовая, 1', current_date + 20, now() - interval '1 day',
             now() + interval '20 days', $2, 'industrial', 10,
             array['09.03.01', '21.05.04', '38.03.01', '18.03.01', '13.03.02'])
     returning id`,
    [employer.organizationId, employer.id],
  );
  return rows[0].id;
}

/** The student applies, the employer offers the practice, the student accepts: the new placement's id. */
export async function placementFromOffer(
  student: TestPerson,
  employer: TestEmployer,
  {
    startsOn = day(0),
    endsOn = day(28),
    posting,
  }: { startsOn?: string; endsOn?: string; posting?: string } = {},
): Promise<string> {
  const opportunityId = posting ?? (await practicePosting(employer));
  const { rows } = await testDb().query('select 1 from public.resumes where profile_id = $1', [student.id]);
  if (!rows.length)
    await must(
      'резюме',
      student.client
        .from('resumes')
        .insert({ profile_id: student.id, headline: 'Студент', skills: [], desired_kinds: [] }),
    );
  const applied = await must(
    'отклик',
    student.client.rpc('apply_to_opportunity', {
      p_opportunity_id: opportunityId,
      p_cover_letter: 'Хочу на практику.',
      p_consent_version: TRANSFER_CONSENT_VERSION,
      p_consent_text: transferConsentText({
        applicantName: 'Студент практики',
        employerName: employer.organizationName,
        employerInn: employer.inn,
        postingTitle: 'Практика',
      }),
    }),
  );
  const applicationId = (applied as Array<{ application_id: string }>)[0].application_id;
  await must('просмотр', employer.client.rpc('mark_application_viewed', { p_id: applicationId }));
  await must(
    'предложение',
    employer.client.rpc('make_offer', {
      p_id: applicationId,
      p_terms: { start_date: startsOn, end_date: endsOn },
      p_answer_by: day(5),
    }),
  );
  return must('принятие', student.client.rpc('accept_offer', { p_id: applicationId })) as Promise<string>;
}

/** The placement as the database holds it (no RLS). */
export async function placementRow(id: string) {
  const { rows } = await testDb().query<{
    status: string;
    order_number: string | null;
    employer_supervisor_email: string | null;
    characteristic: string | null;
    employer_grade: number | null;
    university_grade: number | null;
    cancel_reason: string | null;
  }>('select * from public.practice_placements where id = $1', [id]);
  return rows[0];
}
