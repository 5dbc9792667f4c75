import { Logger, type LogLevel } from 'graphile-worker';

/**
 * graphile-worker's logger, shortened: errors and warnings always (a failed job with its error),
 * routine information (each completed job) only when asked for.
 */
export function jobLogger(verbose = false): Logger {
  return new Logger(() => (level: LogLevel, message: string) => {
    if (level === 'error') console.error(`[задачи] ${message}`);
    else if (level === 'warning') console.warn(`[задачи] ${message}`);
    else if (level === 'info' && verbose) console.log(`[задачи] ${message}`);
  });
}
