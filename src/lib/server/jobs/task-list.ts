import type { TaskList } from 'graphile-worker';
import { sendEmail } from './tasks/send-email.ts';
import { warnExpiringOpportunitiesTask } from './tasks/warn-expiring-opportunities.ts';
import { sendSavedSearchAlertsTask } from './tasks/send-saved-search-alerts.ts';
import { expireOpportunities } from './tasks/expire-opportunities.ts';
import { indexOpportunity } from './tasks/index-opportunity.ts';
import { indexOrganization } from './tasks/index-organization.ts';
import { reconcileSearch } from './tasks/reconcile-search.ts';
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
  take_vacancy_snapshot: takeVacancySnapshotTask,
};
