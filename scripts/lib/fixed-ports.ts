/**
 * Every fixed port of the throwaway stacks (integration tests, end-to-end tests, type generation,
 * benchmarks), in one place. They all sit below 32768: Linux hands out outgoing connections' source
 * ports from 32768–60999 (net.ipv4.ip_local_port_range), so a fixed port up there can be "taken"
 * by an ordinary loopback connection of another stack at any moment (CI failed that way with
 * «порт 59322 (Postgres) занят»). tests/unit/fixed-ports.test.ts proves the choice.
 *
 * TEST_PORT_OFFSET (an integer, default 0) shifts every set at once, so that two checkouts on one
 * machine can run their tests side by side.
 */
import type { StackPorts } from './stack.ts';

/** Source ports of outgoing connections are taken from here on Linux by default. */
export const EPHEMERAL_PORT_RANGE = { from: 32768, to: 60999 } as const;

export function portOffset(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TEST_PORT_OFFSET ?? '0';
  const offset = Number(raw);
  if (!Number.isInteger(offset) || offset < 0 || offset > 2000) {
    throw new Error(`TEST_PORT_OFFSET должен быть целым числом от 0 до 2000, а не «${raw}»`);
  }
  return offset;
}

function shift(ports: StackPorts, by: number): StackPorts {
  return {
    postgres: ports.postgres + by,
    gateway: ports.gateway + by,
    postgrest: ports.postgrest + by,
    postgrestAdmin: ports.postgrestAdmin + by,
    meilisearch: ports.meilisearch + by,
  };
}

export interface FixedPortSets {
  integration: StackPorts;
  /** The built app that an integration test starts on the integration stack (dev-mailbox-access). */
  integrationApp: { app: number };
  e2e: StackPorts & { app: number };
  /** externalPostgres: a Postgres the launcher test starts itself, to hand the launcher as DATABASE_URL */
  launcher: StackPorts & { app: number; externalPostgres: number };
  genTypes: StackPorts;
  bench: StackPorts & { app: number; appUncached: number };
}

export function fixedPorts(env: NodeJS.ProcessEnv = process.env): FixedPortSets {
  const by = portOffset(env);
  return {
    integration: shift(
      { postgres: 24432, gateway: 24431, postgrest: 24433, postgrestAdmin: 24434, meilisearch: 24700 },
      by,
    ),
    integrationApp: { app: 3300 + by },
    e2e: {
      ...shift(
        { postgres: 25432, gateway: 25431, postgrest: 25433, postgrestAdmin: 25434, meilisearch: 25700 },
        by,
      ),
      app: 3100 + by,
    },
    launcher: {
      ...shift(
        { postgres: 26532, gateway: 26531, postgrest: 26533, postgrestAdmin: 26534, meilisearch: 26750 },
        by,
      ),
      app: 3200 + by,
      externalPostgres: 26540 + by,
    },
    genTypes: shift(
      { postgres: 26432, gateway: 26431, postgrest: 26433, postgrestAdmin: 26434, meilisearch: 26800 },
      by,
    ),
    bench: {
      ...shift(
        { postgres: 27432, gateway: 27431, postgrest: 27433, postgrestAdmin: 27434, meilisearch: 27700 },
        by,
      ),
      app: 27625 + by,
      /** bench:pages' second app, with the public page cache off */
      appUncached: 27626 + by,
    },
  };
}
