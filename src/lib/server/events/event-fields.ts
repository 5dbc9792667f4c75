/** The database's hint → the form field that shows its message. */
export const EVENT_FIELDS: Record<string, string> = {
  kind: 'kind',
  title: 'title',
  description: 'description',
  starts_at: 'startsAt',
  ends_at: 'endsAt',
  place: 'place',
  online_url: 'onlineUrl',
  audience: 'audience',
  capacity: 'capacity',
  teacher_name: 'teacherName',
  school_name: 'schoolName',
  email: 'email',
  headcount: 'headcount',
  reason: 'reason',
  status: 'form',
  id: 'form',
  attended: 'form',
  groups: 'form',
};

export type EventResult<T = object> =
  ({ ok: true } & T) | { ok: false; field: string; message: string; status: number };
