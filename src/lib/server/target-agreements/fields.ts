/** The database functions' hints (snake_case) → the fields of the target-agreement forms. */
export const TARGET_FIELDS: Record<string, string> = {
  id: 'form',
  status: 'form',
  student_id: 'studentId',
  student_email: 'studentEmail',
  programme_code: 'programmeCode',
  work_years: 'workYears',
  support_stipend_per_month: 'supportStipendPerMonth',
  support_other: 'supportOther',
  agreement_number: 'agreementNumber',
  agreement_date: 'agreementDate',
  reason: 'reason',
};

export type MoveResult = { ok: true } | { ok: false; field: string; message: string; status: number };
