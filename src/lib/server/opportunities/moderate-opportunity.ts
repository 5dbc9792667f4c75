import { config } from '../config.ts';
import { db } from '../db.ts';
import { enqueueEmail } from '../email/enqueue.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';

/**
 * The administration approves or rejects a posting waiting in moderation. The database function
 * checks that the caller is an administrator, starts the publication term on approval and returns
 * the employer's people, who get the decision (and the reason of a rejection) by email.
 */
export async function moderateOpportunity(
  supabase: Supabase,
  decision: { id: string; approve: boolean; note: string | null },
): Promise<{ ok: true; title: string } | { ok: false; field: string; message: string; status: number }> {
  const { data, error } = await supabase.rpc('moderate_opportunity', {
    p_id: decision.id,
    p_approve: decision.approve,
    p_note: decision.note ?? undefined,
  });
  if (error) return { ok: false, ...describeDbError(error, { note: 'note', id: 'form' }) };
  const recipients = data ?? [];
  const url = `${config().appUrl}/employer/opportunities`;
  const publicUrl = `${config().appUrl}/opportunities/${decision.id}`;
  for (const r of recipients) {
    await enqueueEmail(
      db(),
      r.email,
      decision.approve
        ? { template: 'opportunity_approved', data: { title: r.title, url, publicUrl } }
        : { template: 'opportunity_rejected', data: { title: r.title, reason: decision.note ?? '' } },
    );
  }
  return { ok: true, title: recipients[0]?.title ?? '' };
}
