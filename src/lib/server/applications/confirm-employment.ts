import type { Supabase } from '../supabase.ts';
import { refusal, type Refusal } from './outcome.ts';

export interface EmploymentByToken {
  employmentId: string;
  organizationName: string;
  position: string;
  startDate: string;
  status: 'awaiting_confirmation' | 'confirmed' | 'cancelled';
}

/**
 * What the emailed one-time link confirms (employer, position, start date), or null when the link
 * is wrong or already used. Reading changes nothing: link scanners of mail services open links.
 */
export async function employmentByToken(
  supabase: Supabase,
  token: string,
): Promise<EmploymentByToken | null> {
  if (!/^[0-9a-f]{16,128}$/i.test(token)) return null;
  const { data, error } = await supabase.rpc('employment_by_token', { p_token: token }).maybeSingle();
  if (error) throw new Error(`employment_by_token: ${error.message}`);
  if (!data) return null;
  return {
    employmentId: data.employment_id,
    organizationName: data.organization_name,
    position: data.job_title,
    startDate: data.start_date,
    status: data.status,
  };
}

/**
 * «Да, я работаю здесь» by the emailed one-time link, no sign-in needed: the hire counts from now.
 * A wrong or used link is refused (404) and changes nothing.
 */
export async function confirmEmploymentByToken(
  supabase: Supabase,
  token: string,
): Promise<{ ok: true; employment: EmploymentByToken } | Refusal> {
  const employment = await employmentByToken(supabase, token);
  if (!employment) {
    return { ok: false, field: 'form', message: 'Ссылка недействительна или уже использована.', status: 404 };
  }
  if (employment.status === 'cancelled') {
    return { ok: false, field: 'form', message: 'Этот приём на работу отменён работодателем.', status: 410 };
  }
  const { error } = await supabase.rpc('confirm_employment', { p_token: token });
  if (error) {
    const failed = refusal(error);
    return error.hint === 'token' ? { ...failed, status: 404 } : failed;
  }
  return { ok: true, employment: { ...employment, status: 'confirmed' } };
}
