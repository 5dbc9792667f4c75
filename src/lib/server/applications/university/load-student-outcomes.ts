import type {
  EmploymentStatus,
  PlacementStatus,
  StipendStatus,
  TargetAgreementStatus,
} from '../../../applications.ts';
import type { Supabase } from '../../supabase.ts';

/** Each list shows the newest this many records and says how many there are in all. */
export const OUTCOMES_SHOWN = 200;

type Named = { name: string; short_name: string | null } | null;
const orgName = (o: Named) => (o ? (o.short_name ?? o.name) : '—');

interface Person {
  full_name: string;
}

/**
 * Every outcome record of the university's students and graduates, read-only: hires (employments),
 * practice placements, stipend awards and target-training agreements, each with its state. RLS
 * decides («my graduates' employments», «… of my organization»); the university filter keeps the
 * queries on their indexes. Employments carry no university: RLS gives a university exactly its
 * graduates' hires. Cancelled records stay listed: the city counts records, never deletes them.
 */
export async function loadStudentOutcomes(supabase: Supabase, universityId: string) {
  const [employments, placements, stipends, agreements] = await Promise.all([
    supabase
      .from('employments')
      .select(
        'id, position, start_date, document_kind, document_number, document_date, status, person_confirmed_at, cancel_reason, created_at, person:profiles!employments_person_id_fkey(full_name), employer:organizations!employments_organization_id_fkey(name, short_name)',
        { count: 'exact' },
      )
      .order('created_at', { ascending: false })
      .limit(OUTCOMES_SHOWN)
      .overrideTypes<
        {
          id: string;
          position: string;
          start_date: string;
          document_kind: string;
          document_number: string;
          document_date: string;
          status: EmploymentStatus;
          person_confirmed_at: string | null;
          cancel_reason: string | null;
          created_at: string;
          person: Person | null;
          employer: Named;
        }[],
        { merge: false }
      >(),
    supabase
      .from('practice_placements')
      .select(
        'id, programme_code, practice_type, starts_on, ends_on, status, cancel_reason, created_at, student:profiles!practice_placements_student_id_fkey(full_name), employer:organizations!practice_placements_organization_id_fkey(name, short_name)',
        { count: 'exact' },
      )
      .eq('university_id', universityId)
      .order('created_at', { ascending: false })
      .limit(OUTCOMES_SHOWN)
      .overrideTypes<
        {
          id: string;
          programme_code: string | null;
          practice_type: string | null;
          starts_on: string;
          ends_on: string;
          status: PlacementStatus;
          cancel_reason: string | null;
          created_at: string;
          student: Person | null;
          employer: Named;
        }[],
        { merge: false }
      >(),
    supabase
      .from('stipend_awards')
      .select(
        'id, amount_per_month, months, starts_on, order_number, status, cancel_reason, created_at, student:profiles!stipend_awards_student_id_fkey(full_name), employer:organizations!stipend_awards_organization_id_fkey(name, short_name)',
        { count: 'exact' },
      )
      .eq('university_id', universityId)
      .order('created_at', { ascending: false })
      .limit(OUTCOMES_SHOWN)
      .overrideTypes<
        {
          id: string;
          amount_per_month: number;
          months: number;
          starts_on: string;
          order_number: string | null;
          status: StipendStatus;
          cancel_reason: string | null;
          created_at: string;
          student: Person | null;
          employer: Named;
        }[],
        { merge: false }
      >(),
    supabase
      .from('target_agreements')
      .select(
        'id, programme_code, work_years, support_measures, status, cancel_reason, created_at, student:profiles!target_agreements_student_id_fkey(full_name), employer:organizations!target_agreements_organization_id_fkey(name, short_name)',
        { count: 'exact' },
      )
      .eq('university_id', universityId)
      .order('created_at', { ascending: false })
      .limit(OUTCOMES_SHOWN)
      .overrideTypes<
        {
          id: string;
          programme_code: string | null;
          work_years: number;
          support_measures: string | null;
          status: TargetAgreementStatus;
          cancel_reason: string | null;
          created_at: string;
          student: Person | null;
          employer: Named;
        }[],
        { merge: false }
      >(),
  ]);
  const error = employments.error ?? placements.error ?? stipends.error ?? agreements.error;
  if (error) throw new Error(`university outcomes: ${error.message}`);
  // a person who deleted their account leaves the record (the city counts it) without a name
  const who = (p: Person | null) => p?.full_name ?? 'Удалённый аккаунт';
  return {
    employments: {
      total: employments.count ?? 0,
      rows: (employments.data ?? []).map((e) => ({
        id: e.id,
        person: who(e.person),
        employer: orgName(e.employer),
        position: e.position,
        startDate: e.start_date,
        document: { kind: e.document_kind, number: e.document_number, date: e.document_date },
        status: e.status,
        confirmedAt: e.person_confirmed_at,
        cancelReason: e.cancel_reason,
      })),
    },
    placements: {
      total: placements.count ?? 0,
      rows: (placements.data ?? []).map((p) => ({
        id: p.id,
        person: who(p.student),
        employer: orgName(p.employer),
        programmeCode: p.programme_code,
        practiceType: p.practice_type,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
        status: p.status,
        cancelReason: p.cancel_reason,
      })),
    },
    stipends: {
      total: stipends.count ?? 0,
      rows: (stipends.data ?? []).map((s) => ({
        id: s.id,
        person: who(s.student),
        employer: orgName(s.employer),
        amountPerMonth: s.amount_per_month,
        months: s.months,
        startsOn: s.starts_on,
        orderNumber: s.order_number,
        status: s.status,
        cancelReason: s.cancel_reason,
      })),
    },
    agreements: {
      total: agreements.count ?? 0,
      rows: (agreements.data ?? []).map((t) => ({
        id: t.id,
        person: who(t.student),
        employer: orgName(t.employer),
        programmeCode: t.programme_code,
        workYears: t.work_years,
        supportMeasures: t.support_measures,
        status: t.status,
        cancelReason: t.cancel_reason,
      })),
    },
  };
}

export type StudentOutcomes = Awaited<ReturnType<typeof loadStudentOutcomes>>;
