import type { Supabase } from '../supabase.ts';
import { writeResume, type SaveResult } from './save-resume.ts';

/** The résumé goes without a PDF from now on (the file itself stays for applications that sent it). */
export function detachResumeFile(supabase: Supabase, personId: string): Promise<SaveResult> {
  return writeResume(supabase, personId, { attachment_id: null });
}
