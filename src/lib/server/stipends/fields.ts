/** The database functions' hints (snake_case) → the fields of the stipend forms. */
export const STIPEND_FIELDS: Record<string, string> = {
  id: 'form',
  status: 'form',
  note: 'form',
  student_id: 'studentId',
  student_email: 'studentEmail',
  amount_per_month: 'amountPerMonth',
  months: 'months',
  starts_on: 'startsOn',
  order_number: 'orderNumber',
  reason: 'reason',
};

export type MoveResult = { ok: true } | { ok: false; field: string; message: string; status: number };
