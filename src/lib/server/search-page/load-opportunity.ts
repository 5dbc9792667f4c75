import type { Database } from '../../database.types.ts';
import type { PublicPerson } from '../../types.ts';
import type { Supabase } from '../supabase.ts';
import { loadClassifiers, loadUniversities } from '../reference.ts';
import { UUID } from '../../schemas/fields.ts';

// Columns anon may read (20261201000200_hide_opportunity_contacts_from_anon.sql): no contacts.
const PUBLIC_COLUMNS =
  'id, kind, title, description_html, industry_code, district_code, is_remote, address, ' +
  'apply_by, programme_codes, university_ids, years_of_study, is_paid, ' +
  'pay_from, pay_to, schedule, employment_type, experience, seats, starts_on, ends_on, duration_weeks, ' +
  'practice_type, stipend_count, selection_criteria, work_years_after, support_offered, published_at, ' +
  'expires_at, organization_id, status, organizations(id, name), industries(name), districts(name)';

/**
 * A posting as everyone may see it: published and unexpired (RLS also requires a verified
 * employer). Its own employer sees drafts through RLS, so the status is checked here too: the
 * public page never shows what is not public. Null when there is no such posting. The contacts come
 * from opportunity_contacts() inside public_opportunity(), one posting per call: anon cannot select
 * the contact columns, so they cannot be read for all postings at once.
 */
export async function loadPublicOpportunity(supabase: Supabase, id: string) {
  if (!UUID.test(id)) return null;
  // one request: the posting, its names and its contacts (public_opportunity(), with the caller's
  // RLS and grants; 20261202002000_create_public_opportunity.sql)
  const { data, error } = await supabase.rpc('public_opportunity', { p_id: id });
  if (error) throw new Error(`opportunity: ${error.message}`);
  if (!data) return null;
  const row = data as unknown as PublicOpportunityRow & NonNullable<Contacts>;
  return withLabels(row, row);
}

/**
 * A posting as it would look in public, for its own organization and the administration only: a
 * draft, one in moderation, a closed or expired one. RLS shows these rows to no one else; the
 * check below keeps it so should a policy ever widen. Null when the person may not see it.
 */
export async function loadOpportunityPreview(
  supabase: Supabase,
  person: Pick<PublicPerson, 'role' | 'organization'> | null,
  id: string,
) {
  if (!person || !UUID.test(id)) return null;
  const { data, error } = await supabase
    .from('opportunities')
    .select(PUBLIC_COLUMNS)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new Error(`opportunity preview: ${error.message}`);
  if (!data) return null;
  const row = data as unknown as PublicOpportunityRow;
  const own = person.organization?.id === row.organization_id;
  if (!own && person.role !== 'administrator') return null;
  // the organization and the administration read the contact columns themselves (RLS and grants)
  const { data: contacts, error: contactsError } = await supabase
    .from('opportunities')
    .select('contact_name, contact_email, contact_phone')
    .eq('id', id)
    .maybeSingle();
  if (contactsError) throw new Error(`opportunity preview contacts: ${contactsError.message}`);
  return withLabels(row, contacts);
}

type Contacts = {
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
} | null;

/** The row with its contacts and the names of its programmes and universities. */
async function withLabels(row: PublicOpportunityRow, contacts: Contacts) {
  const [{ programmes }, universities] = await Promise.all([loadClassifiers(), loadUniversities()]);
  const label = (options: { value: string; label: string }[], v: string) =>
    options.find((o) => o.value === v)?.label ?? v;
  return {
    ...row,
    contact_name: contacts?.contact_name ?? null,
    contact_email: contacts?.contact_email ?? null,
    contact_phone: contacts?.contact_phone ?? null,
    programmeLabels: row.programme_codes.map((c) => label(programmes, c)),
    universityLabels: row.university_ids.map((u) => label(universities, u)),
  };
}

export type PublicOpportunity = Awaited<ReturnType<typeof withLabels>>;

type OpportunityTableRow = Database['public']['Tables']['opportunities']['Row'];

/** The columns of PUBLIC_COLUMNS, typed from the generated schema, with the joined names. */
export type PublicOpportunityRow = Pick<
  OpportunityTableRow,
  | 'id'
  | 'kind'
  | 'title'
  | 'description_html'
  | 'industry_code'
  | 'district_code'
  | 'is_remote'
  | 'address'
  | 'apply_by'
  | 'programme_codes'
  | 'university_ids'
  | 'years_of_study'
  | 'is_paid'
  | 'pay_from'
  | 'pay_to'
  | 'schedule'
  | 'employment_type'
  | 'experience'
  | 'seats'
  | 'starts_on'
  | 'ends_on'
  | 'duration_weeks'
  | 'practice_type'
  | 'stipend_count'
  | 'selection_criteria'
  | 'work_years_after'
  | 'support_offered'
  | 'published_at'
  | 'expires_at'
  | 'organization_id'
  | 'status'
> & {
  organizations: { id: string; name: string } | null;
  industries: { name: string } | null;
  districts: { name: string } | null;
};
