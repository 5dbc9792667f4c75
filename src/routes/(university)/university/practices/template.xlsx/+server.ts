import { requireRole } from '$lib/server/guards';
import { practiceOrderTemplate } from '$lib/server/university-imports/practice-order';
import type { RequestHandler } from './$types';

/**
 * The XLSX template of a practice order: header row, drop-down of practice types, instructions and
 * the verified employers with their ИНН (read with the staff member's own client).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
  requireRole(locals, url, ['university_staff']);
  const { data, error } = await locals.supabase
    .from('organizations')
    .select('name, inn')
    .eq('kind', 'employer')
    .eq('verification_status', 'verified')
    .order('name')
    .limit(5000);
  if (error) throw new Error(error.message);
  const buffer = await practiceOrderTemplate(data ?? []);
  return new Response(new Uint8Array(buffer), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': 'attachment; filename="prikaz-o-praktike.xlsx"',
      'cache-control': 'private, no-store',
    },
  });
};
