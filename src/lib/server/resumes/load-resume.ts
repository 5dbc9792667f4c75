import type { ResumeSnapshot } from '../../components/resume/snapshot.ts';
import type { ExperienceEntry, LanguageEntry } from '../../schemas/resume.ts';
import type { Tables } from '../../database.types.ts';
import type { Supabase } from '../supabase.ts';

export interface ResumeEducation {
  fullName: string;
  email: string;
  phone: string | null;
  role: string;
  universityId: string | null;
  universityName: string | null;
  programmeCode: string | null;
  programmeName: string | null;
  yearOfStudy: number | null;
  graduationYear: number | null;
}

export interface ResumeAttachment {
  id: string;
  fileName: string;
  byteSize: number;
  createdAt: string;
}

export interface LoadedResume {
  education: ResumeEducation;
  resume: Tables<'resumes'> | null;
  attachment: ResumeAttachment | null;
}

/**
 * The person's résumé with the education it shows: that comes from the profile (edited on
 * /profile), never copied into the résumé. Read with their own client (RLS: their own rows).
 */
export async function loadResume(supabase: Supabase, personId: string): Promise<LoadedResume> {
  const [profile, resume] = await Promise.all([
    supabase
      .from('profiles')
      .select(
        'full_name, email, phone, role, university_id, programme_code, year_of_study, graduation_year, programmes(name), university:organizations!profiles_university_id_fkey(name)',
      )
      .eq('id', personId)
      .single(),
    supabase.from('resumes').select('*').eq('profile_id', personId).maybeSingle(),
  ]);
  if (profile.error) throw new Error(`profile: ${profile.error.message}`);
  if (resume.error) throw new Error(`resume: ${resume.error.message}`);
  let attachment: ResumeAttachment | null = null;
  if (resume.data?.attachment_id) {
    const { data, error } = await supabase
      .from('files')
      .select('id, file_name, byte_size, created_at')
      .eq('id', resume.data.attachment_id)
      .maybeSingle();
    if (error) throw new Error(`file: ${error.message}`);
    if (data)
      attachment = {
        id: data.id,
        fileName: data.file_name,
        byteSize: data.byte_size,
        createdAt: data.created_at,
      };
  }
  const p = profile.data;
  return {
    education: {
      fullName: p.full_name,
      email: p.email,
      phone: p.phone,
      role: p.role,
      universityId: p.university_id,
      universityName: p.university?.name ?? null,
      programmeCode: p.programme_code,
      programmeName: p.programmes?.name ?? null,
      yearOfStudy: p.year_of_study,
      graduationYear: p.graduation_year,
    },
    resume: resume.data,
    attachment,
  };
}

/** The live résumé in the shape apply_to_opportunity freezes (application_documents.resume_snapshot). */
export function resumeSnapshot({ education: e, resume: r }: LoadedResume): ResumeSnapshot {
  return {
    full_name: e.fullName,
    email: e.email,
    phone: e.phone,
    role: e.role,
    university_id: e.universityId,
    university_name: e.universityName,
    programme_code: e.programmeCode,
    programme_name: e.programmeName,
    year_of_study: e.yearOfStudy,
    graduation_year: e.graduationYear,
    headline: r?.headline ?? null,
    about: r?.about ?? null,
    average_grade: r?.average_grade ?? null,
    skills: r?.skills ?? [],
    experience: (r?.experience ?? []) as Partial<ExperienceEntry>[],
    languages: (r?.languages ?? []) as Partial<LanguageEntry>[],
    desired_kinds: r?.desired_kinds ?? [],
    desired_districts: r?.desired_districts ?? [],
    desired_schedules: r?.desired_schedules ?? [],
    portfolio_url: r?.portfolio_url ?? null,
    github_url: r?.github_url ?? null,
    frozen_at: null,
  };
}
