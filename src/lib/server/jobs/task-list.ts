import type { TaskList } from 'graphile-worker';
import { sendEmail } from './tasks/send-email.ts';
import { warnExpiringOpportunitiesTask } from './tasks/warn-expiring-opportunities.ts';
import { sendSavedSearchAlertsTask } from './tasks/send-saved-search-alerts.ts';

/**
 * Every job the worker runs, by the identifier passed to graphile_worker.add_job().
 * Add a task here with its module in ./tasks/.
 */
export const taskList: TaskList = {
  send_email: sendEmail,
  warn_expiring_opportunities: warnExpiringOpportunitiesTask,
  send_saved_search_alerts: sendSavedSearchAlertsTask,
};
