import type { PublicPerson } from '../types.ts';
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
  const supabase = await userClient({
    sub: account.id,
    email: account.email,
    app_role: person.role,
    org_id: person.organization?.id ?? null,
  });
  return { person, supabase };
}
