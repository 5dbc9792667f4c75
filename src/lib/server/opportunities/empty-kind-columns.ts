import type { Database } from '../../database.types.ts';

type Update = Database['public']['Tables']['opportunities']['Update'];

/**
 * Every column that belongs to one kind of posting, empty: the demo generator starts a row from
 * these and fills in what its kind has. A fresh object each call: callers assign into it.
 *
 * Plain relative imports only: scripts/lib/opportunity-generator.ts runs it under Node directly.
 */
export function emptyKindColumns() {
  return {
    programme_codes: [] as string[],
    university_ids: [] as string[],
    years_of_study: [] as number[],
    is_paid: false,
    pay_from: null,
    pay_to: null,
    schedule: null,
    employment_type: null,
    experience: null,
    seats: null,
    starts_on: null,
    ends_on: null,
    duration_weeks: null,
    practice_type: null,
    stipend_count: null,
    selection_criteria: null,
    work_years_after: null,
    support_offered: null,
  } satisfies Update;
}
