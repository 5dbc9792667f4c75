import { asResumeSnapshot } from '../../../components/resume/snapshot.ts';
import { isUuid } from '../../../schemas/pipeline.ts';
import type { Json } from '../../../database.types.ts';
import { loadClassifiers } from '../../reference.ts';
import type { Supabase } from '../../supabase.ts';
import { markApplicationViewed } from './mark-application-viewed.ts';

/**
 * One application as its employer sees it: opening it is what moves it from «отправлен» to
 * «просмотрен» (mark_application_viewed, idempotent). Null when the id is not an application of
 * the caller's organization: another employer's id looks exactly like one that does not exist.
 */
export async function loadEmployerApplication(supabase: Supabase, id: string) {
  if (!isUuid(id)) return null;
  const viewed = await markApplicationViewed(supabase, id);
  if (!viewed.ok) {
    if (viewed.status === 403) return null;
    throw new Error(`mark viewed: ${viewed.message}`);
  }
  const [application, documents, review, events, employment, { programmes, districts }] = await Promise.all([
    supabase
      .from('applications')
      .select(
        'id, opportunity_id, organization_id, kind, applicant_name, university_id, programme_code, year_of_study, graduation_year, status, interview_at, interview_place, interview_link, offer_terms, offer_answer_by, rejection_reason, created_at, status_changed_at, opportunities(id, title, kind)',
      )
      .eq('id', id)
      .single(),
    supabase
      .from('application_documents')
      .select('cover_letter, resume_snapshot, attachment_id')
      .eq('application_id', id)
      .maybeSingle(),
    supabase
      .from('application_reviews')
      .select('rating, notes, updated_at')
      .eq('application_id', id)
      .maybeSingle(),
    supabase
      .from('application_events')
      .select('id, actor_side, at, from_status, to_status, note, details')
      .eq('application_id', id)
      .order('at', { ascending: true })
      .order('id', { ascending: true }),
    supabase
      .from('employments')
      .select(
        'id, position, start_date, document_kind, document_number, document_date, status, person_confirmed_at',
      )
      .eq('application_id', id)
      .maybeSingle(),
    loadClassifiers(supabase),
  ]);
  const error = application.error ?? documents.error ?? review.error ?? events.error ?? employment.error;
  if (error) throw new Error(`application: ${error.message}`);
  const a = application.data;
  if (!a) return null;
  let attachment: { id: string; fileName: string; byteSize: number } | null = null;
  if (documents.data?.attachment_id) {
    // only the name and size: the bytes are served by /files/<id>, which asks RLS again
    const { data: file } = await supabase
      .from('files')
      .select('id, file_name, byte_size')
      .eq('id', documents.data.attachment_id)
      .maybeSingle();
    attachment = file
      ? { id: file.id, fileName: file.file_name, byteSize: file.byte_size }
      : { id: documents.data.attachment_id, fileName: 'резюме.pdf', byteSize: 0 };
  }
  const university = a.university_id
    ? (
        await supabase
          .from('organizations')
          .select('name, short_name')
          .eq('id', a.university_id)
          .maybeSingle()
      ).data
    : null;
  return {
    application: {
      id: a.id,
      kind: a.kind,
      applicantName: a.applicant_name,
      status: a.status,
      opportunity: a.opportunities ?? { id: a.opportunity_id, title: 'Публикация', kind: a.kind },
      university: university ? (university.short_name ?? university.name) : null,
      programme: a.programme_code
        ? (programmes.find((p) => p.value === a.programme_code)?.label ?? a.programme_code)
        : null,
      yearOfStudy: a.year_of_study,
      graduationYear: a.graduation_year,
      interviewAt: a.interview_at,
      interviewPlace: a.interview_place,
      interviewLink: a.interview_link,
      offerTerms: (a.offer_terms ?? null) as Record<string, Json> | null,
      offerAnswerBy: a.offer_answer_by,
      rejectionReason: a.rejection_reason,
      createdAt: a.created_at,
      statusChangedAt: a.status_changed_at,
    },
    coverLetter: documents.data?.cover_letter ?? '',
    resume: asResumeSnapshot(documents.data?.resume_snapshot),
    districtLabels: Object.fromEntries(districts.map((d) => [d.value, d.label])),
    attachment,
    review: review.data,
    events: events.data ?? [],
    employment: employment.data,
  };
}

export type EmployerApplication = NonNullable<Awaited<ReturnType<typeof loadEmployerApplication>>>;
