/**
 * One connection per app process that LISTENs to what Postgres announces about changes (statement
 * triggers: channel `public_pages` for what public pages show — migration 20261202000100 — and
 * `people` for profiles and memberships — 20261202000200; the payload is the table's name). The
 * in-process caches subscribe: every announcement on their channels empties them, and while the
 * connection is down (it is retried every few seconds) they keep and serve nothing. SvelteKit's
 * shutdown (adapter-node or server.js, SIGTERM) closes it so that the process can end.
 */
import pg from 'pg';

export interface ChangeSubscriber {
  channels: string[];
  onChange: (channel: string, table: string) => void;
  /** true once the connection listens; false when it is lost (and at shutdown) */
  onListening: (listening: boolean) => void;
}

/** Every channel the triggers announce on: listened to whoever subscribes, and whenever. */
export const CHANGE_CHANNELS = ['public_pages'] as const;

const subscribers = new Set<ChangeSubscriber>();
let listening = false;
let started: Promise<void> | undefined;

export function subscribeToChanges(subscriber: ChangeSubscriber): () => void {
  subscribers.add(subscriber);
  subscriber.onListening(listening);
  return () => subscribers.delete(subscriber);
}

function setListening(value: boolean) {
  listening = value;
  for (const s of subscribers) s.onListening(value);
}

/** Starts the connection once per process (later calls return the first one's promise). */
export function listenForChanges(databaseUrl: string, retryMs = 5_000): Promise<void> {
  if (started) return started;
  let stopped = false;
  let current: pg.Client | undefined;
  process.once('sveltekit:shutdown' as 'beforeExit', () => {
    stopped = true;
    setListening(false);
    void current?.end().catch(() => {});
  });
  started = connect();
  return started;

  async function connect(): Promise<void> {
    if (stopped) return;
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'change-listener' });
    current = client;
    let gone = false;
    const lost = (err: Error) => {
      setListening(false);
      if (gone || stopped) return;
      gone = true;
      console.warn(`[кэши] нет связи с базой (${err.message}): кэши выключены до её восстановления`);
      void client.end().catch(() => {});
      setTimeout(() => void connect(), retryMs).unref();
    };
    client.on('notification', ({ channel, payload }) => {
      for (const s of subscribers) if (s.channels.includes(channel)) s.onChange(channel, payload ?? '');
    });
    client.on('error', lost);
    client.on('end', () => lost(new Error('соединение закрыто')));
    try {
      await client.connect();
      for (const channel of CHANGE_CHANNELS) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      setListening(!stopped);
    } catch (err) {
      lost(err as Error);
    }
  }
}
