import type { OpportunityInput } from '../../schemas/opportunity.ts';
import type { Database } from '../../database.types.ts';
import { renderDescription } from './render-description.ts';

type Update = Database['public']['Tables']['opportunities']['Update'];
type Column = keyof Update & string;

/** The database's limit on the rendered HTML (description_html). */
const HTML_MAX = 30_000;

/** Database error hints (column names) → form fields. */
export const OPPORTUNITY_FIELDS: Record<string, string> = {
  programme_codes: 'programmeCodes',
  university_ids: 'universityIds',
  apply_by: 'applyBy',
  days: 'days',
  id: 'form',
};

/**
 * Each column a posting's form writes, with the form fields it is made of. A column is written
 * only when the submission carried every one of its fields: a column the form does not show keeps
 * what it holds (a demo posting's employment type of an internship, a field added to the form
 * after the page was opened), and a field emptied on purpose empties its column. No field at all
 * means a fact of the kind itself (a vacancy is paid).
 */
const COMMON_SOURCES = {
  title: ['title'],
  description_markdown: ['description'],
  description_html: ['description'],
  description_text: ['description'],
  industry_code: ['industryCode'],
  district_code: ['districtCode'],
  is_remote: ['isRemote'],
  address: ['address'],
  contact_name: ['contactName'],
  contact_email: ['contactEmail'],
  contact_phone: ['contactPhone'],
  apply_by: ['applyBy'],
} as const satisfies Partial<Record<Column, readonly string[]>>;

const TARGETING_SOURCES = {
  programme_codes: ['programmeCodes'],
  university_ids: ['universityIds'],
  years_of_study: ['yearsOfStudy'],
} as const;

const PAID_SOURCES = {
  is_paid: ['isPaid'],
  pay_from: ['isPaid', 'payFrom'],
  pay_to: ['isPaid', 'payTo'],
} as const;

export const KIND_SOURCES = {
  internship: {
    ...PAID_SOURCES,
    duration_weeks: ['durationWeeks'],
    schedule: ['schedule'],
    ...TARGETING_SOURCES,
    seats: ['seats'],
    starts_on: ['startsOn'],
    ends_on: ['endsOn'],
  },
  practice: {
    practice_type: ['practiceType'],
    ...TARGETING_SOURCES,
    seats: ['seats'],
    starts_on: ['startsOn'],
    ends_on: ['endsOn'],
    duration_weeks: ['durationWeeks'],
    schedule: ['schedule'],
    ...PAID_SOURCES,
  },
  stipend: {
    is_paid: [],
    // One amount: the range from it to itself, as search sorts and filters by pay_from and pay_to.
    pay_from: ['payFrom'],
    pay_to: ['payFrom'],
    starts_on: ['startsOn'],
    ends_on: ['endsOn'],
    stipend_count: ['stipendCount'],
    selection_criteria: ['selectionCriteria'],
    ...TARGETING_SOURCES,
  },
  target_agreement: {
    programme_codes: ['programmeCode'],
    university_ids: ['universityId'],
    work_years_after: ['workYearsAfter'],
    support_offered: ['supportOffered'],
    years_of_study: ['yearsOfStudy'],
    seats: ['seats'],
    starts_on: ['startsOn'],
    is_paid: ['payFrom'],
    pay_from: ['payFrom'],
    pay_to: ['payFrom'],
  },
  vacancy: {
    is_paid: [],
    pay_from: ['payFrom'],
    pay_to: ['payTo'],
    employment_type: ['employmentType'],
    schedule: ['schedule'],
    experience: ['experience'],
    programme_codes: ['programmeCodes'],
    university_ids: ['universityIds'],
    seats: ['seats'],
  },
} as const satisfies Record<OpportunityInput['kind'], Partial<Record<Column, readonly string[]>>>;

/** Every column of a posting of this kind, from a whole input. */
function kindColumns(input: OpportunityInput): Update {
  switch (input.kind) {
    case 'internship':
    case 'practice': {
      const columns: Update = {
        is_paid: input.isPaid,
        pay_from: input.isPaid ? input.payFrom : null,
        pay_to: input.isPaid ? input.payTo : null,
        duration_weeks: input.durationWeeks,
        schedule: input.schedule,
        programme_codes: input.programmeCodes,
        university_ids: input.universityIds,
        years_of_study: input.yearsOfStudy,
        seats: input.seats,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
      };
      if (input.kind === 'practice') columns.practice_type = input.practiceType;
      return columns;
    }
    case 'stipend':
      return {
        is_paid: true,
        pay_from: input.payFrom,
        pay_to: input.payFrom,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        stipend_count: input.stipendCount,
        selection_criteria: input.selectionCriteria,
        programme_codes: input.programmeCodes,
        university_ids: input.universityIds,
        years_of_study: input.yearsOfStudy,
      };
    case 'target_agreement':
      return {
        programme_codes: [input.programmeCode],
        university_ids: input.universityId ? [input.universityId] : [],
        work_years_after: input.workYearsAfter,
        support_offered: input.supportOffered,
        years_of_study: input.yearsOfStudy,
        seats: input.seats,
        starts_on: input.startsOn,
        is_paid: input.payFrom !== null,
        pay_from: input.payFrom,
        pay_to: input.payFrom,
      };
    case 'vacancy':
      return {
        is_paid: true,
        pay_from: input.payFrom,
        pay_to: input.payTo,
        employment_type: input.employmentType,
        schedule: input.schedule,
        experience: input.experience,
        programme_codes: input.programmeCodes,
        university_ids: input.universityIds,
        seats: input.seats,
      };
  }
}

/**
 * The columns a posting's form writes: those of its kind whose fields the submission carried
 * (`fields`; without it, every one — an input made whole in code). Columns of other kinds are never
 * written: the kind of a posting does not change.
 */
export function opportunityColumns(
  input: OpportunityInput,
  fields?: ReadonlySet<string>,
): { ok: true; columns: Update } | { ok: false; field: string; message: string; status: number } {
  const sources: Partial<Record<Column, readonly string[]>> = {
    ...COMMON_SOURCES,
    ...KIND_SOURCES[input.kind],
  };
  const carried = (column: Column) => !fields || (sources[column] ?? []).every((f) => fields.has(f));
  let rendered: Update = {};
  if (carried('description_html')) {
    const description = renderDescription(input.description);
    if (description.html.length > HTML_MAX) {
      return { ok: false, field: 'description', message: 'Описание слишком длинное', status: 400 };
    }
    rendered = {
      description_markdown: input.description,
      description_html: description.html,
      description_text: description.text,
    };
  }
  const all: Update = {
    title: input.title,
    ...rendered,
    industry_code: input.industryCode,
    district_code: input.districtCode,
    is_remote: input.isRemote,
    address: input.address,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
    apply_by: input.applyBy,
    ...kindColumns(input),
  };
  const columns = Object.fromEntries(
    Object.entries(all).filter(([column]) => column in sources && carried(column as Column)),
  ) as Update;
  return { ok: true, columns };
}

type Row = Database['public']['Tables']['opportunities']['Row'];

/** Lists whose order means nothing (the form shows them in its own order, checkboxes by name). */
const SET_COLUMNS: ReadonlySet<string> = new Set(['university_ids', 'years_of_study']);

function sameValue(column: string, stored: unknown, next: unknown): boolean {
  if (Array.isArray(stored) && Array.isArray(next)) {
    const [a, b] = SET_COLUMNS.has(column)
      ? [[...stored].map(String).sort(), [...next].map(String).sort()]
      : [stored.map(String), next.map(String)];
    return a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return (stored ?? null) === (next ?? null);
}

/**
 * Of the columns a form writes, those that differ from the stored row. The description's HTML and
 * text follow its Markdown: an unchanged text is not rendered anew (a demo posting's HTML stays
 * byte for byte). The title is always kept, so saving still goes through RLS's update check.
 */
export function changedColumns(stored: Row, columns: Update): Update {
  const changed: Update = { title: columns.title ?? stored.title };
  const descriptionSame = sameValue(
    'description_markdown',
    stored.description_markdown,
    columns.description_markdown,
  );
  for (const [column, value] of Object.entries(columns) as [keyof Update & keyof Row, unknown][]) {
    if (column.startsWith('description_') && descriptionSame) continue;
    if (!sameValue(column, stored[column], value)) Object.assign(changed, { [column]: value });
  }
  return changed;
}

/** For the target agreement the one programme and university have their own field names. */
export function fieldMapFor(kind: OpportunityInput['kind']): Record<string, string> {
  return kind === 'target_agreement'
    ? { ...OPPORTUNITY_FIELDS, programme_codes: 'programmeCode', university_ids: 'universityId' }
    : OPPORTUNITY_FIELDS;
}
