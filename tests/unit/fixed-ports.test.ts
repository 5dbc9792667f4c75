import { describe, expect, it } from 'vitest';
import { EPHEMERAL_PORT_RANGE, fixedPorts, portOffset } from '../../scripts/lib/fixed-ports.ts';
import { E2E_ENV } from '../../playwright.config.ts';
import { defaultPorts } from '../../scripts/lib/stack.ts';

const all = (env: NodeJS.ProcessEnv) =>
  Object.entries(fixedPorts(env)).flatMap(([set, ports]) =>
    Object.entries(ports).map(([part, port]) => ({ where: `${set}.${part}`, port: port as number })),
  );

describe('fixed ports of the throwaway stacks', () => {
  it('stay below the range Linux uses for outgoing connections, also with the largest offset', () => {
    for (const env of [{}, { TEST_PORT_OFFSET: '2000' }]) {
      for (const { where, port } of all(env)) {
        expect(port, where).toBeLessThan(EPHEMERAL_PORT_RANGE.from);
        expect(port, where).toBeGreaterThan(1024);
      }
    }
  });

  it('never collide between stacks, nor with the ports of npm start', () => {
    const ports = all({}).map((p) => p.port);
    const start = Object.values(defaultPorts({}));
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(start).not.toContain(port);
  });

  it('the e2e app and stack use the e2e set', () => {
    const e2e = fixedPorts().e2e;
    expect(Number(E2E_ENV.PG_PORT)).toBe(e2e.postgres);
    expect(Number(E2E_ENV.MEILI_PORT)).toBe(e2e.meilisearch);
    expect(Number(E2E_ENV.PORT)).toBe(e2e.app);
  });

  it('an offset shifts every set; a bad offset is refused with a Russian message', () => {
    const shifted = fixedPorts({ TEST_PORT_OFFSET: '10' });
    expect(shifted.integration.postgres).toBe(fixedPorts({}).integration.postgres + 10);
    expect(() => portOffset({ TEST_PORT_OFFSET: 'abc' })).toThrow(/TEST_PORT_OFFSET/);
    expect(() => portOffset({ TEST_PORT_OFFSET: '-5' })).toThrow(/целым/);
  });
});
