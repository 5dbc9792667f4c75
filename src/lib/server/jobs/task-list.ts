import type { TaskList } from 'graphile-worker';
import { sendEmail } from './tasks/send-email.ts';

/**
 * Every job the worker runs, by the identifier passed to graphile_worker.add_job().
 * Add a task here with its module in ./tasks/.
 */
export const taskList: TaskList = {
  send_email: sendEmail,
};
