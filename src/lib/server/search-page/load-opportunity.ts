import type { Database } from '../../database.types.ts';
import type { Supabase } from '../supabase.ts';
import { loadClassifiers, loadUniversities } from '../reference.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Columns anon may read (20261201000200_hide_opportunity_contacts_from_anon.sql): no contacts.
const PUBLIC_COLUMNS =
  'id, kind, title, description_html, industry_code, district_code, is_remote, address, ' +
  'apply_by, programme_codes, university_ids, years_of_study, is_paid, ' +
  'pay_from, pay_to, schedule, employment_type, experience, seats, starts_on, ends_on, duration_weeks, ' +
  'practice_type, stipend_count, selection_criteria, work_years_after, support_offered, published_at, ' +
  'expires_at, organization_id, organizations(id, name), industries(name), districts(name)';

/**
 * A posting as everyone may see it: published and unexpired (RLS also requires a verified
 * employer). Its own employer sees drafts through RLS, so the status is checked here too: the
 * public page never shows what is not public. Null when there is no such posting. The contacts come
 * from opportunity_contacts(), one posting per call: anon cannot select the contact columns, so
 * they cannot be read for all postings at once.
 */
export async function loadPublicOpportunity(supabase: Supabase, id: string) {
  if (!UUID.test(id)) return null;
  const { data, error } = await supabase
    .from('opportunities')
    .select(PUBLIC_COLUMNS)
    .eq('id', id)
    .eq('status', 'published')
    .gt('expires_at', new Date().toISOString())
    .maybeSingle();
  if (error) throw new Error(`opportunity: ${error.message}`);
  if (!data) return null;
  const row = data as unknown as PublicOpportunityRow;
  const [{ programmes }, universities, contacts] = await Promise.all([
    loadClassifiers(supabase),
    loadUniversities(supabase),
    supabase.rpc('opportunity_contacts', { p_id: id }).maybeSingle(),
  ]);
  if (contacts.error) throw new Error(`opportunity contacts: ${contacts.error.message}`);
  const label = (options: { value: string; label: string }[], v: string) =>
    options.find((o) => o.value === v)?.label ?? v;
  return {
    ...row,
    contact_name: contacts.data?.contact_name ?? null,
    contact_email: contacts.data?.contact_email ?? null,
    contact_phone: contacts.data?.contact_phone ?? null,
    programmeLabels: row.programme_codes.map((c) => label(programmes, c)),
    universityLabels: row.university_ids.map((u) => label(universities, u)),
  };
}

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
> & {
  organizations: { id: string; name: string } | null;
  industries: { name: string } | null;
  districts: { name: string } | null;
};
