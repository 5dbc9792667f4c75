import type { Supabase } from '../supabase.ts';

const EVENT_COLUMNS =
  'id, kind, title, description, starts_at, ends_at, place, online_url, audience, capacity, status, cancel_reason, attendance_recorded_at, organization_id, organizations(id, name, kind)';

/**
 * The public calendar: planned events from today on, and held ones of the last year (RLS shows
 * planned and held events to everyone).
 */
export async function loadCalendar(supabase: Supabase, now = new Date()) {
  const yearAgo = new Date(now.getTime() - 365 * 24 * 3600 * 1000).toISOString();
  const { data, error } = await supabase
    .from('events')
    .select(EVENT_COLUMNS)
    .in('status', ['planned', 'held'])
    .gte('starts_at', yearAgo)
    .order('starts_at', { ascending: true })
    .limit(500);
  if (error) throw new Error(`events: ${error.message}`);
  const upcoming = data.filter((e) => e.status === 'planned' && new Date(e.ends_at) >= now);
  const past = data.filter((e) => !upcoming.includes(e)).reverse();
  return { upcoming, past };
}

/** One event as the reader may see it, with its places, the reader's registration and — for the organizer — the lists. */
export async function loadEvent(supabase: Supabase, id: string, person: App.Locals['person']) {
  const { data: event, error } = await supabase
    .from('events')
    .select(EVENT_COLUMNS)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new Error(`event: ${error.message}`);
  if (!event) return null;
  const isOrganizer =
    !!person && (person.organization?.id === event.organization_id || person.role === 'administrator');
  const [places, mine, registrations, groups] = await Promise.all([
    supabase.rpc('event_places', { p_event_id: id }).maybeSingle(),
    person
      ? supabase
          .from('event_registrations')
          .select('status')
          .eq('event_id', id)
          .eq('person_id', person.id)
          .maybeSingle()
      : Promise.resolve({ data: null, error: null }),
    isOrganizer
      ? supabase
          .from('event_registrations')
          .select('id, person_name, status, attended, queued_at')
          .eq('event_id', id)
          .neq('status', 'cancelled')
          .order('queued_at')
      : Promise.resolve({ data: [], error: null }),
    isOrganizer
      ? supabase
          .from('event_school_groups')
          .select('id, teacher_name, school_name, email, headcount, status, attended_count')
          .eq('event_id', id)
          .eq('status', 'registered')
          .order('created_at')
      : Promise.resolve({ data: [], error: null }),
  ]);
  const failed = places.error ?? mine.error ?? registrations.error ?? groups.error;
  if (failed) throw new Error(`event details: ${failed.message}`);
  return {
    event,
    places: places.data,
    myRegistration: (mine.data?.status as 'registered' | 'waitlisted' | 'cancelled' | undefined) ?? null,
    isOrganizer,
    registrations: registrations.data ?? [],
    groups: groups.data ?? [],
  };
}

/** The events of the person's organization (or all, for the administration), newest first. */
export async function loadOrganizedEvents(supabase: Supabase, organizationId: string | null) {
  let query = supabase
    .from('events')
    .select('id, kind, title, starts_at, status')
    .order('starts_at', { ascending: false })
    .limit(200);
  if (organizationId) query = query.eq('organization_id', organizationId);
  const { data, error } = await query;
  if (error) throw new Error(`organized events: ${error.message}`);
  return data;
}
