import type { z } from 'zod';
import type { supervisorCharacteristicSchema } from '$lib/schemas/placement';
import { describeDbError } from '../errors.ts';
import { anonClient } from '../supabase.ts';

/** What the supervisor's link shows: exactly one placement and whether the link still works. */
export async function placementBySupervisorToken(token: string) {
  if (!/^[0-9a-f]{48}$/.test(token)) return null;
  const { data, error } = await anonClient().rpc('placement_by_supervisor_token', { p_token: token });
  if (error) throw new Error(error.message);
  return data?.[0] ?? null;
}

/** The supervisor's characteristic and grade, by the one-time link (no account: role anon). */
export async function completePlacementByToken(
  token: string,
  input: z.output<typeof supervisorCharacteristicSchema>,
) {
  const { error } = await anonClient().rpc('complete_placement_by_token', {
    p_token: token,
    p_characteristic: input.characteristic,
    p_grade: input.grade,
  });
  if (!error) return { ok: true as const };
  return { ok: false as const, ...describeDbError(error, { token: 'form', status: 'form' }) };
}
