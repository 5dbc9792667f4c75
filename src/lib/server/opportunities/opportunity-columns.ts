import type { OpportunityInput } from '../../schemas/opportunity.ts';
import type { Database } from '../../database.types.ts';
import { emptyKindColumns } from './empty-kind-columns.ts';
import { renderDescription } from './render-description.ts';

type Update = Database['public']['Tables']['opportunities']['Update'];

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
 * The columns a posting's form writes. Every column of the other kinds is cleared, so a row holds
 * only the facts of its own kind (search facets and pages can trust that).
 */
export function opportunityColumns(
  input: OpportunityInput,
): { ok: true; columns: Update } | { ok: false; field: string; message: string; status: number } {
  const description = renderDescription(input.description);
  if (description.html.length > HTML_MAX) {
    return { ok: false, field: 'description', message: 'Описание слишком длинное', status: 400 };
  }
  const columns: Update = {
    title: input.title,
    description_markdown: input.description,
    description_html: description.html,
    description_text: description.text,
    industry_code: input.industryCode,
    district_code: input.districtCode,
    is_remote: input.isRemote,
    address: input.address,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
    apply_by: input.applyBy,
    ...emptyKindColumns(),
  };
  switch (input.kind) {
    case 'internship':
      Object.assign(columns, {
        is_paid: input.isPaid,
        pay_from: input.isPaid ? input.payFrom : null,
        pay_to: input.isPaid ? input.payTo : null,
        duration_weeks: input.durationWeeks,
        schedule: input.schedule,
      });
      break;
    case 'practice':
      Object.assign(columns, {
        practice_type: input.practiceType,
        programme_codes: input.programmeCodes,
        university_ids: input.universityIds,
        years_of_study: input.yearsOfStudy,
        seats: input.seats,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
      });
      break;
    case 'stipend':
      Object.assign(columns, {
        is_paid: true,
        pay_from: input.payFrom,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        stipend_count: input.stipendCount,
        selection_criteria: input.selectionCriteria,
      });
      break;
    case 'target_agreement':
      Object.assign(columns, {
        programme_codes: [input.programmeCode],
        university_ids: input.universityId ? [input.universityId] : [],
        work_years_after: input.workYearsAfter,
        support_offered: input.supportOffered,
      });
      break;
    case 'vacancy':
      Object.assign(columns, {
        is_paid: true,
        pay_from: input.payFrom,
        pay_to: input.payTo,
        employment_type: input.employmentType,
        schedule: input.schedule,
        experience: input.experience,
      });
      break;
  }
  return { ok: true, columns };
}

/** For the target agreement the one programme and university have their own field names. */
export function fieldMapFor(kind: OpportunityInput['kind']): Record<string, string> {
  return kind === 'target_agreement'
    ? { ...OPPORTUNITY_FIELDS, programme_codes: 'programmeCode', university_ids: 'universityId' }
    : OPPORTUNITY_FIELDS;
}
