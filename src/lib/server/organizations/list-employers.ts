import type { VerificationStatus } from '../../types.ts';
import type { Supabase } from '../supabase.ts';

export const EMPLOYERS_PAGE_SIZE = 20;

export interface EmployerListQuery {
  status: VerificationStatus;
  /** A part of the name, or the first digits of the ИНН (3–12 digits). */
  q: string;
  page: number;
}

/** Reads ?status, ?q and ?page of the administration's list of employers; bad values fall back. */
export function parseEmployerListQuery(params: URLSearchParams): EmployerListQuery {
  const status = params.get('status');
  const page = Number(params.get('page'));
  return {
    status: status === 'verified' || status === 'rejected' ? status : 'pending',
    q: (params.get('q') ?? '').trim().slice(0, 100),
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** `%`, `_` and `\` are wildcards of ILIKE: a name is searched for as typed. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the employers in one verification state, with the administrator's own JWT (the
 * policies let the administration read every organization), found by name or by the start of the ИНН.
 */
export async function listEmployers(supabase: Supabase, query: EmployerListQuery) {
  const from = (query.page - 1) * EMPLOYERS_PAGE_SIZE;
  let request = supabase
    .from('organizations')
    .select(
      'id, name, inn, address, website, created_at, verification_note, verified_at, industries(name), districts(name), memberships(role, profiles(full_name, email, email_verified, position))',
      { count: 'exact' },
    )
    .eq('kind', 'employer')
    .eq('verification_status', query.status);
  if (/^\d{3,12}$/.test(query.q)) request = request.like('inn', `${query.q}%`);
  else if (query.q) request = request.ilike('name', `%${likeLiteral(query.q)}%`);
  const { data, count, error } = await request
    // the oldest request first in the queue; the latest decisions first in the other lists
    .order('created_at', { ascending: query.status === 'pending' })
    .order('id')
    .range(from, from + EMPLOYERS_PAGE_SIZE - 1);
  if (error) throw new Error(error.message);
  const total = count ?? 0;
  return {
    employers: data,
    total,
    pageCount: Math.max(1, Math.ceil(total / EMPLOYERS_PAGE_SIZE)),
  };
}
