import { config } from '../config.ts';
import { EVENT_KIND_LABELS, type EventKind } from '../../events.ts';
import type { CalendarEvent } from './ics.ts';

interface Row {
  id: string;
  kind: EventKind;
  title: string;
  description: string;
  starts_at: string;
  ends_at: string;
  place: string | null;
  online_url: string | null;
  status: string;
  organizations: { name: string } | null;
}

/** An event row as an iCalendar VEVENT (UID stable per event, so calendars update it in place). */
export function toCalendarEvent(e: Row, appUrl = config().appUrl): CalendarEvent {
  const url = `${appUrl}/events/${e.id}`;
  const host = new URL(appUrl).hostname;
  return {
    uid: `event-${e.id}@${host}`,
    title: `${EVENT_KIND_LABELS[e.kind]}: ${e.title}`,
    description: [
      e.organizations?.name ? `Организатор: ${e.organizations.name}` : '',
      e.description,
      e.online_url ? `Трансляция: ${e.online_url}` : '',
      url,
    ]
      .filter(Boolean)
      .join('\n\n'),
    startsAt: e.starts_at,
    endsAt: e.ends_at,
    location: e.place ?? e.online_url,
    url,
    status: e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
  };
}
