import type { PublicPerson } from '../../types.ts';
import type { Supabase } from '../supabase.ts';

/**
 * Everything the platform keeps about a person, read with their own JWT (so exactly what RLS lets
 * them see of themselves), as one JSON document (152-ФЗ: the right to know one's data).
 */
export async function exportPersonalData(supabase: Supabase, person: PublicPerson) {
  const [profile, consents, memberships] = await Promise.all([
    supabase.from('profiles').select('*').eq('id', person.id).maybeSingle(),
    supabase
      .from('consents')
      .select('kind, text_version, granted_at, ip, user_agent, withdrawn_at')
      .eq('profile_id', person.id),
    supabase
      .from('memberships')
      .select('role, created_at, organizations(name, kind)')
      .eq('profile_id', person.id),
  ]);
  const error = profile.error ?? consents.error ?? memberships.error;
  if (error) throw new Error(`export of ${person.id}: ${error.message}`);
  return {
    exported_at: new Date().toISOString(),
    account: { id: person.id, email: person.email },
    profile: profile.data,
    consents: consents.data,
    memberships: memberships.data,
  };
}
