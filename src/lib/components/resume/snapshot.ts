import type { ExperienceEntry, LanguageEntry } from '../../schemas/resume.ts';

/**
 * A résumé as one plain object: the shape of application_documents.resume_snapshot, which
 * apply_to_opportunity freezes when a student applies (see the applications migration). The
 * owner's print page builds the same object from the live profile and résumé, so one component
 * (ResumeView.svelte) shows both.
 */
export interface ResumeSnapshot {
  full_name: string;
  email: string | null;
  phone: string | null;
  role: string;
  university_id: string | null;
  university_name: string | null;
  programme_code: string | null;
  programme_name: string | null;
  year_of_study: number | null;
  graduation_year: number | null;
  headline: string | null;
  about: string | null;
  average_grade: number | string | null;
  skills: string[] | null;
  experience: Partial<ExperienceEntry>[] | null;
  languages: Partial<LanguageEntry>[] | null;
  desired_kinds: string[] | null;
  desired_districts: string[] | null;
  desired_schedules: string[] | null;
  portfolio_url: string | null;
  github_url: string | null;
  /** When the copy was frozen (absent on the owner's live view). */
  frozen_at?: string | null;
}

/** Reads a stored snapshot (jsonb) defensively: anything missing becomes null or empty. */
export function asResumeSnapshot(value: unknown): ResumeSnapshot {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : null);
  const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : null);
  const arr = <T>(k: string) => (Array.isArray(v[k]) ? (v[k] as T[]) : []);
  return {
    full_name: str('full_name') ?? '',
    email: str('email'),
    phone: str('phone'),
    role: str('role') ?? 'student',
    university_id: str('university_id'),
    university_name: str('university_name'),
    programme_code: str('programme_code'),
    programme_name: str('programme_name'),
    year_of_study: num('year_of_study'),
    graduation_year: num('graduation_year'),
    headline: str('headline'),
    about: str('about'),
    average_grade:
      typeof v.average_grade === 'number' || typeof v.average_grade === 'string' ? v.average_grade : null,
    skills: arr<string>('skills').filter((s) => typeof s === 'string'),
    experience: arr<Partial<ExperienceEntry>>('experience').filter((e) => e && typeof e === 'object'),
    languages: arr<Partial<LanguageEntry>>('languages').filter((e) => e && typeof e === 'object'),
    desired_kinds: arr<string>('desired_kinds'),
    desired_districts: arr<string>('desired_districts'),
    desired_schedules: arr<string>('desired_schedules'),
    portfolio_url: str('portfolio_url'),
    github_url: str('github_url'),
    frozen_at: str('frozen_at'),
  };
}
