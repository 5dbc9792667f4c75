/** Tiny prefixed logger for the launcher and other command-line scripts. */
export function log(scope: string, message: string): void {
  process.stdout.write(`[${scope}] ${message}\n`);
}

export function fail(message: string): never {
  process.stderr.write(`Ошибка: ${message}\n`);
  process.exit(1);
}
