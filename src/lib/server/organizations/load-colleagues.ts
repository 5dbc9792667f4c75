/**
 * The people of the signed-in person's organization and the invitations still waiting for an
 * answer, read with their own JWT: the policies show members only their own organization's.
 */
export async function loadColleagues(locals: App.Locals) {
  const orgId = locals.person?.organization?.id;
  if (!orgId) return { colleagues: [], invitations: [] };
  const [members, invitations] = await Promise.all([
    locals.supabase
      .from('memberships')
      .select('role, created_at, profiles(id, full_name, position, email)')
      .eq('organization_id', orgId)
      .order('created_at'),
    locals.supabase
      .from('invitations')
      .select('id, email, created_at, expires_at')
      .eq('organization_id', orgId)
      .is('accepted_at', null)
      .is('revoked_at', null)
      .gt('expires_at', new Date().toISOString())
      .order('created_at', { ascending: false }),
  ]);
  if (members.error) throw new Error(members.error.message);
  if (invitations.error) throw new Error(invitations.error.message);
  return {
    colleagues: members.data.flatMap((m) => (m.profiles ? [{ ...m.profiles, role: m.role }] : [])),
    invitations: invitations.data,
  };
}
