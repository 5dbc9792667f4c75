import type { z } from 'zod';
import type { organizationSchema } from '../../schemas/profile.ts';
import { describeDbError } from '../errors.ts';
import { forgetUniversities } from '../reference.ts';
import { forgetPublicCounts } from '../search-page/load-public-count.ts';
import type { Supabase } from '../supabase.ts';

/** A member edits their organization's public details; RLS and column grants decide what is allowed. */
export async function updateOrganization(
  supabase: Supabase,
  organizationId: string,
  input: z.output<typeof organizationSchema>,
): Promise<{ ok: true } | { ok: false; field: string; message: string; status: number }> {
  const { data, error } = await supabase
    .from('organizations')
    .update({
      name: input.name,
      short_name: input.shortName,
      industry_code: input.industryCode ?? undefined,
      district_code: input.districtCode,
      address: input.address,
      website: input.website,
      description: input.description,
    })
    .eq('id', organizationId)
    .select('id');
  if (error) return { ok: false, ...describeDbError(error, { district_code: 'districtCode' }) };
  if (!data.length)
    return { ok: false, field: 'form', message: 'Нет прав изменять эту организацию', status: 403 };
  // a renamed university shows under its new name at once; a renamed employer leaves the count
  forgetUniversities();
  forgetPublicCounts();
  return { ok: true };
}
