import type { Supabase } from '../supabase.ts';

/** One queue of the university's workplace: how many records wait for it, and where to act. */
export interface HomeQueue {
  key: string;
  label: string;
  count: number | null;
  href: string | null;
  /** Set while the record's feature is not in this build: the queue is a named slot. */
  pending?: string;
}

/** An active contract of the university, soonest end first (indefinite ones last). */
export interface HomeContract {
  id: string;
  number: string;
  kind: string;
  employer: string;
  valid_to: string | null;
}

export interface OutcomeRow {
  programme_code: string | null;
  programme_name: string | null;
  year: number;
  placements: number;
  stipends: number;
  target_agreements: number;
  hires: number;
}

/**
 * What the university's home shows (issue 8 item 6): the queues of what waits for it, counted with
 * the staff member's own client (RLS keeps them to its own students and records), and its students'
 * outcomes by programme and year (university_outcomes()).
 */
export async function loadUniversityHome(
  supabase: Supabase,
  universityId: string,
): Promise<{ queues: HomeQueue[]; outcomes: OutcomeRow[]; contracts: HomeContract[] }> {
  const count = async (query: PromiseLike<{ count: number | null; error: { message: string } | null }>) => {
    const { count: n, error } = await query;
    if (error) throw new Error(error.message);
    return n ?? 0;
  };
  const head = { count: 'exact' as const, head: true };
  const [students, placements, toGrade, stipends, agreements, proposed, contracts, outcomes] =
    await Promise.all([
      count(
        supabase
          .from('profiles')
          .select('id', head)
          .eq('university_id', universityId)
          .in('role', ['student', 'graduate'])
          .eq('enrolment_status', 'claimed'),
      ),
      count(
        supabase
          .from('practice_placements')
          .select('id', head)
          .eq('university_id', universityId)
          .eq('status', 'awaiting_university'),
      ),
      count(
        supabase
          .from('practice_placements')
          .select('id', head)
          .eq('university_id', universityId)
          .eq('status', 'completed'),
      ),
      count(
        supabase
          .from('stipend_awards')
          .select('id', head)
          .eq('university_id', universityId)
          .eq('status', 'awaiting_university'),
      ),
      count(
        supabase
          .from('target_agreements')
          .select('id', head)
          .eq('university_id', universityId)
          .eq('status', 'awaiting_signatures')
          .is('university_signed_at', null),
      ),
      // proposed by the other side: the university's own proposals wait for the employer, not for it
      count(
        supabase
          .from('partnership_contracts')
          .select('id', head)
          .eq('university_id', universityId)
          .eq('status', 'proposed')
          .neq('proposed_by_side', 'university'),
      ),
      supabase
        .from('partnership_contracts')
        .select(
          'id, number, kind, valid_to, employer:organizations!partnership_contracts_employer_id_fkey(name)',
        )
        .eq('university_id', universityId)
        .eq('status', 'active')
        .order('valid_to', { ascending: true, nullsFirst: false })
        .limit(20),
      supabase.rpc('university_outcomes'),
    ]);
  if (outcomes.error) throw new Error(outcomes.error.message);
  if (contracts.error) throw new Error(contracts.error.message);
  return {
    queues: [
      {
        key: 'students',
        label: 'Студенты ждут подтверждения',
        count: students,
        href: '/university/students',
      },
      {
        key: 'placements',
        label: 'Практики ждут подтверждения приказом',
        count: placements,
        href: '/university/practices',
      },
      { key: 'grades', label: 'Практики ждут оценки вуза', count: toGrade, href: '/university/practices' },
      {
        key: 'stipends',
        label: 'Стипендии ждут подтверждения',
        count: stipends,
        href: '/university/stipends',
      },
      {
        key: 'agreements',
        label: 'Договоры о целевом обучении ждут подписи вуза',
        count: agreements,
        href: '/university/target-agreements',
      },
      {
        key: 'contracts',
        label: 'Договоры с работодателями ждут подтверждения',
        count: proposed,
        href: '/university/contracts',
      },
    ],
    outcomes: (outcomes.data ?? []) as OutcomeRow[],
    contracts: (contracts.data ?? []).map((c) => ({
      id: c.id,
      number: c.number,
      kind: c.kind,
      valid_to: c.valid_to,
      employer: (c.employer as unknown as { name: string } | null)?.name ?? '',
    })),
  };
}
