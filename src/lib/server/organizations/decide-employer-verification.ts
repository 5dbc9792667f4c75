import type { Supabase } from '../supabase.ts';
import { config } from '../config.ts';
import { db } from '../db.ts';
import { enqueueEmail } from '../email/enqueue.ts';
import { describeDbError } from '../errors.ts';
import { forgetPublicCounts } from '../search-page/load-public-count.ts';

/**
 * The administration's decision on an employer. The database function checks that the caller is an
 * administrator and returns the organization's people, who are told of the decision by email.
 */
export async function decideEmployerVerification(
  supabase: Supabase,
  decision: { organizationId: string; decision: 'verified' | 'rejected'; note: string | null },
): Promise<
  { ok: true; organizationName: string } | { ok: false; field: string; message: string; status: number }
> {
  const { data, error } = await supabase.rpc('set_employer_verification', {
    p_organization_id: decision.organizationId,
    p_status: decision.decision,
    p_note: decision.note ?? undefined,
  });
  if (error)
    return {
      ok: false,
      ...describeDbError(error, { note: 'note', organization_id: 'form', status: 'form' }),
    };
  forgetPublicCounts(); // the landing page counts verified employers
  const recipients = data ?? [];
  for (const r of recipients) {
    await enqueueEmail(
      db(),
      r.email,
      decision.decision === 'verified'
        ? {
            template: 'employer_verified',
            data: { organizationName: r.organization_name, url: `${config().appUrl}/employer` },
          }
        : {
            template: 'employer_rejected',
            data: { organizationName: r.organization_name, reason: decision.note ?? '' },
          },
    );
  }
  return { ok: true, organizationName: recipients[0]?.organization_name ?? '' };
}
