/** Names of partnership contracts' kinds and states, as people read them. */
export const CONTRACT_KINDS = ['practice', 'cooperation', 'target_training'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

export const CONTRACT_KIND_LABELS: Record<ContractKind, string> = {
  practice: 'О практической подготовке',
  cooperation: 'О сотрудничестве',
  target_training: 'О целевом обучении',
};

export type ContractStatus = 'proposed' | 'active' | 'expired' | 'terminated' | 'declined';

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  proposed: 'Ждёт подтверждения',
  active: 'Действует',
  expired: 'Срок истёк',
  terminated: 'Расторгнут',
  declined: 'Отклонён',
};

/** A contract as the parties' and the administration's pages list it. */
export interface ContractRow {
  id: string;
  kind: ContractKind;
  number: string;
  signed_on: string;
  valid_from: string;
  valid_to: string | null;
  programme_codes: string[];
  places_per_year: number | null;
  premises_address: string | null;
  scan_file_id: string | null;
  status: ContractStatus;
  proposed_by_side: 'employer' | 'university' | 'administration';
  end_reason: string | null;
  status_changed_at: string;
  employer: { id: string; name: string } | null;
  university: { id: string; name: string; short_name: string | null } | null;
}
