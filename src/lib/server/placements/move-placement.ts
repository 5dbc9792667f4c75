import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';

/** The moves a party makes on a placement's page, by the function that makes each. */
export type PlacementMove =
  | { move: 'confirm'; orderNumber: string; orderDate: string; universitySupervisor: string }
  | { move: 'accept'; supervisorName: string; supervisorPosition: string; supervisorEmail: string }
  | { move: 'close'; grade: number; note: string }
  | { move: 'cancel'; reason: string }
  | { move: 'resend_link' }
  | { move: 'revoke_link' };

/** The database's names of fields → the form's. */
const FIELDS: Record<string, string> = {
  order_number: 'orderNumber',
  order_date: 'orderDate',
  university_supervisor: 'universitySupervisor',
  supervisor_name: 'supervisorName',
  supervisor_position: 'supervisorPosition',
  supervisor_email: 'supervisorEmail',
  status: 'form',
  student: 'form',
  id: 'form',
};

/**
 * One move on a placement through the person's own client: the database function checks who may
 * make it and in which state. Returns the field and Russian message when it refuses.
 */
export async function movePlacement(
  supabase: Supabase,
  id: string,
  m: PlacementMove,
): Promise<{ ok: true } | { ok: false; status: number; field: string; message: string }> {
  const call = () => {
    switch (m.move) {
      case 'confirm':
        return supabase.rpc('confirm_placement', {
          p_id: id,
          p_order_number: m.orderNumber,
          p_order_date: m.orderDate,
          p_university_supervisor: m.universitySupervisor,
        });
      case 'accept':
        return supabase.rpc('accept_placement', {
          p_id: id,
          p_supervisor_name: m.supervisorName,
          p_supervisor_position: m.supervisorPosition,
          p_supervisor_email: m.supervisorEmail,
        });
      case 'close':
        return supabase.rpc('close_placement', { p_id: id, p_grade: m.grade, p_note: m.note });
      case 'cancel':
        return supabase.rpc('cancel_placement', { p_id: id, p_reason: m.reason });
      case 'resend_link':
        return supabase.rpc('resend_supervisor_link', { p_id: id });
      case 'revoke_link':
        return supabase.rpc('revoke_supervisor_link', { p_id: id });
    }
  };
  const { error } = await call();
  if (!error) return { ok: true };
  const e = describeDbError(error, FIELDS);
  return { ok: false, ...e };
}
