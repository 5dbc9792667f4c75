import type { PlacementEvent, PlacementView } from '$lib/placements';
import type { Supabase } from '../supabase.ts';

export type { PlacementEvent, PlacementView };

export const PLACEMENT_COLUMNS =
  'id, status, student_id, student_name, university_id, organization_id, programme_code, practice_type, starts_on, ends_on, ' +
  'university_supervisor, employer_supervisor_name, employer_supervisor_position, employer_supervisor_email, ' +
  'order_number, order_date, employer_grade, university_grade, characteristic, cancel_reason, source, created_at, ' +
  'university:organizations!practice_placements_university_id_fkey(name), ' +
  'employer:organizations!practice_placements_organization_id_fkey(name), programme:programmes(name)';

/** The placements the person may read (RLS decides), optionally one employer's; newest first. */
export async function listPlacements(
  supabase: Supabase,
  filter: { organizationId?: string; limit?: number } = {},
): Promise<PlacementView[]> {
  let query = supabase.from('practice_placements').select(PLACEMENT_COLUMNS);
  if (filter.organizationId) query = query.eq('organization_id', filter.organizationId);
  const { data, error } = await query.order('starts_on', { ascending: false }).limit(filter.limit ?? 1000);
  if (error) throw new Error(error.message);
  return data as unknown as PlacementView[];
}

/** One placement with its history and the supervisor links' state, or null when RLS hides it. */
export async function loadPlacement(supabase: Supabase, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [placement, events, links] = await Promise.all([
    supabase.from('practice_placements').select(PLACEMENT_COLUMNS).eq('id', id).maybeSingle(),
    supabase
      .from('outcome_events')
      .select('id, at, from_status, to_status, note')
      .eq('record_type', 'practice_placement')
      .eq('record_id', id)
      .order('at'),
    supabase
      .from('placement_supervisor_links')
      .select('id, email, created_at, expires_at, used_at, revoked_at')
      .eq('placement_id', id)
      .order('created_at', { ascending: false })
      .limit(1),
  ]);
  if (placement.error) throw new Error(placement.error.message);
  if (!placement.data) return null;
  return {
    placement: placement.data as unknown as PlacementView,
    events: (events.data ?? []) as PlacementEvent[],
    link: links.data?.[0] ?? null,
  };
}
