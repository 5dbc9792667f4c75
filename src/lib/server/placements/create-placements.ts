import type { z } from 'zod';
import type { createPlacementsSchema } from '$lib/schemas/placement';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';

const FIELDS: Record<string, string> = {
  student_ids: 'studentIds',
  organization_id: 'organizationId',
  starts_on: 'startsOn',
  ends_on: 'endsOn',
  practice_type: 'practiceType',
  university_supervisor: 'universitySupervisor',
  order_number: 'orderNumber',
  order_date: 'orderDate',
  university: 'form',
};

/**
 * The university's placements for a group of its students (all or nothing; a student who already
 * has that placement is skipped). Returns how many were created and how many existed.
 */
export async function createPlacements(
  supabase: Supabase,
  studentIds: string[],
  input: z.output<typeof createPlacementsSchema>,
  source: 'university' | 'import' = 'university',
): Promise<
  | { ok: true; created: number; existing: number }
  | { ok: false; status: number; field: string; message: string }
> {
  const { data, error } = await supabase.rpc('create_placements', {
    p_student_ids: studentIds,
    p_organization_id: input.organizationId,
    p_starts_on: input.startsOn,
    p_ends_on: input.endsOn,
    p_practice_type: input.practiceType,
    p_university_supervisor: input.universitySupervisor,
    p_order_number: input.orderNumber ?? undefined,
    p_order_date: input.orderDate ?? undefined,
    p_source: source,
  });
  if (error) return { ok: false, ...describeDbError(error, FIELDS) };
  const rows = data ?? [];
  const created = rows.filter((r) => r.created).length;
  return { ok: true, created, existing: rows.length - created };
}
