import type { TaskList } from 'graphile-worker';
import { sendEmail } from './tasks/send-email.ts';
import { warnExpiringOpportunitiesTask } from './tasks/warn-expiring-opportunities.ts';
import { sendSavedSearchAlertsTask } from './tasks/send-saved-search-alerts.ts';
import { expireOpportunities } from './tasks/expire-opportunities.ts';
import { indexOpportunity } from './tasks/index-opportunity.ts';
import { indexOrganization } from './tasks/index-organization.ts';
import { reconcileSearch } from './tasks/reconcile-search.ts';
import { notifyPlacementEventTask } from './tasks/notify-placement-event.ts';
import { startDuePlacementsTask } from './tasks/start-due-placements.ts';
import { notifyApplicationEvent, sendApplicationLettersTask } from './tasks/notify-application-event.ts';
import { sendEmployerPendingDigestsTask, tellStaleApplicantsTask } from './tasks/application-digests.ts';
import { notifyContractEventTask } from './tasks/notify-contract-event.ts';
import { checkContractTermsTask } from './tasks/check-contract-terms.ts';
import { notifyEventChangeTask } from './tasks/notify-event-change.ts';
import { remindEventParticipantsTask } from './tasks/remind-event-participants.ts';
import {
  finishStipendAwardsTask,
  notifyStipendAgreementEventTask,
} from './tasks/stipends-target-agreements.ts';
import { takeVacancySnapshotTask } from './tasks/take-vacancy-snapshot.ts';

/**
 * Every job the worker runs, by the identifier passed to graphile_worker.add_job().
 * Add a task here with its module in ./tasks/.
 */
export const taskList: TaskList = {
  send_email: sendEmail,
  warn_expiring_opportunities: warnExpiringOpportunitiesTask,
  send_saved_search_alerts: sendSavedSearchAlertsTask,
  index_opportunity: indexOpportunity,
  index_organization: indexOrganization,
  reconcile_search: reconcileSearch,
  expire_opportunities: expireOpportunities,
  notify_placement_event: notifyPlacementEventTask,
  start_due_placements: startDuePlacementsTask,
  notify_application_event: notifyApplicationEvent,
  send_application_letters: sendApplicationLettersTask,
  send_employer_pending_digests: sendEmployerPendingDigestsTask,
  tell_stale_applicants: tellStaleApplicantsTask,
  notify_contract_event: notifyContractEventTask,
  check_contract_terms: checkContractTermsTask,
  notify_event_change: notifyEventChangeTask,
  remind_event_participants: remindEventParticipantsTask,
  notify_stipend_agreement_event: notifyStipendAgreementEventTask,
  finish_stipend_awards: finishStipendAwardsTask,
  take_vacancy_snapshot: takeVacancySnapshotTask,
};
