import type { PublicPerson } from '../types.ts';
import { subscribeToChanges } from './change-listener.ts';
import type { AppRole } from './jwt.ts';
import { userClient, type Supabase } from './supabase.ts';

export type CurrentPerson = PublicPerson;

/**
 * Reads the person's profile and organization with their own JWT, then returns a client whose JWT
 * also carries the role and organization as app claims (for PostgREST logs and policies that want
 * them; the policies themselves check the tables).
 */
export async function loadPerson(account: {
  id: string;
  email: string;
  name: string;
}): Promise<{ person: CurrentPerson; supabase: Supabase }> {
  const key = `${account.id}\n${account.email}\n${account.name}`;
  const kept = people.get(key);
  const person =
    kept && kept.until > Date.now() && peopleListening ? kept.person : await readPerson(account, key);
  const supabase = await userClient({
    sub: account.id,
    email: account.email,
    app_role: person.role,
    org_id: person.organization?.id ?? null,
  });
  return { person, supabase };
}

/**
 * Who a signed-in person is (role, organization) is read on every request they make; it is kept in
 * the process for PERSON_TTL_MS and dropped at once when Postgres announces a change of profiles,
 * memberships or organizations (change-listener.ts), so a changed role or organization applies to
 * the next request. While that announcement cannot be heard, nothing is kept.
 */
const PERSON_TTL_MS = 30_000;
const MAX_PEOPLE = 10_000;
const people = new Map<string, { person: CurrentPerson; until: number }>();
let peopleListening = false;
/** bumped by every change: a read that began before it is not kept */
let peopleGeneration = 0;

subscribeToChanges({
  channels: ['people', 'public_pages'],
  onChange: (channel, table) => {
    if (channel === 'people' || table === 'organizations') {
      peopleGeneration++;
      people.clear();
    }
  },
  onListening: (listening) => {
    peopleListening = listening;
    peopleGeneration++;
    people.clear();
  },
});

async function readPerson(account: { id: string; email: string; name: string }, key: string) {
  const generation = peopleGeneration;
  const base = await userClient({ sub: account.id, email: account.email });
  const { data, error } = await base
    .from('profiles')
    .select('role, full_name, memberships(role, organizations(id, kind, name, verification_status))')
    .eq('id', account.id)
    .maybeSingle();
  if (error) throw new Error(`profile of ${account.id}: ${error.message}`);
  const membership = data?.memberships?.[0];
  const org = membership?.organizations ?? null;
  const person: CurrentPerson = {
    id: account.id,
    email: account.email,
    fullName: data?.full_name ?? account.name,
    role: (data?.role as AppRole | undefined) ?? null,
    organization: org
      ? {
          id: org.id,
          kind: org.kind,
          name: org.name,
          verificationStatus: org.verification_status,
          membershipRole: membership!.role as 'owner' | 'member',
        }
      : null,
  };
  if (peopleListening && generation === peopleGeneration) {
    if (people.size >= MAX_PEOPLE) people.delete(people.keys().next().value as string);
    people.set(key, { person, until: Date.now() + PERSON_TTL_MS });
  }
  return person;
}
