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
): Promise<{ queues: HomeQueue[]; outcomes: OutcomeRow[] }> {
  const count = async (query: PromiseLike<{ count: number | null; error: { message: string } | null }>) => {
    const { count: n, error } = await query;
    if (error) throw new Error(error.message);
    return n ?? 0;
  };
  const head = { count: 'exact' as const, head: true };
  const [students, placements, toGrade, stipends, agreements, outcomes] = await Promise.all([
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
        .eq('status', 'awaiting_signatures'),
    ),
    supabase.rpc('university_outcomes'),
  ]);
  if (outcomes.error) throw new Error(outcomes.error.message);
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
      // SLOT (lead): the stipend pages come with the stipends feature; link its university queue here.
      { key: 'stipends', label: 'Стипендии ждут подтверждения', count: stipends, href: null },
      // SLOT (lead): count only agreements the university has not signed yet once signatures exist.
      { key: 'agreements', label: 'Договоры о целевом обучении ждут подписи', count: agreements, href: null },
      // SLOT (lead): partnership contracts proposed by employers, when the contracts table exists.
      {
        key: 'contracts',
        label: 'Договоры о сотрудничестве ждут подтверждения',
        count: null,
        href: null,
        pending: 'появятся вместе с разделом договоров',
      },
    ],
    outcomes: (outcomes.data ?? []) as OutcomeRow[],
  };
}
