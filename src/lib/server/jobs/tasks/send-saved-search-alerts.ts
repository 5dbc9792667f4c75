import type { Task } from 'graphile-worker';
import { config } from '../../config.ts';
import { sendSavedSearchAlerts } from '../../saved-searches/send-alerts.ts';

/**
 * Hourly (crontab of runner.ts): email the saved-search alerts that are due — one letter per search
 * with new postings since its last alert, daily or weekly as the student chose.
 */
export const sendSavedSearchAlertsTask: Task = async (_payload, helpers) => {
  const { appUrl, betterAuthSecret } = config();
  const { checked, sent } = await helpers.withPgClient((client) =>
    sendSavedSearchAlerts(client, { appUrl, secret: betterAuthSecret }),
  );
  if (sent > 0) helpers.logger.info(`send_saved_search_alerts: писем ${sent} (поисков проверено ${checked})`);
};
