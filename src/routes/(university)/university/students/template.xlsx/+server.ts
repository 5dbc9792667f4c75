import { requireRole } from '$lib/server/guards';
import { studentListTemplate } from '$lib/server/university-imports/student-list';
import type { RequestHandler } from './$types';

/** The XLSX template of the university's student list (header row, drop-downs, instructions). */
export const GET: RequestHandler = async ({ locals, url }) => {
  requireRole(locals, url, ['university_staff']);
  const buffer = await studentListTemplate();
  return new Response(new Uint8Array(buffer), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': 'attachment; filename="spisok-studentov.xlsx"',
      'cache-control': 'private, no-store',
    },
  });
};
