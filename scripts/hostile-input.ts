/**
 * `npm run check:hostile-input` — what users and attackers can send, thrown at every page and form
 * of the app, on a throwaway stack of its own with the demo data (.data/hostile-input, the bench's
 * ports; it writes freely: it withdraws, rejects and deletes whatever it reaches).
 *
 * As each demo role (and as a visitor) it crawls the pages it can reach from the home page (at most
 * --pages per role), asks each page again with hostile query strings and, where its address holds an
 * id, with nonsense ids; it submits every POST form it finds once per hostile value in every field,
 * once as a broken multipart body and once as JSON, and again at the form's address with a nonsense
 * id. Every answer of 500 or more is a defect: it prints each kind once (method, route, query names)
 * and exits 1; otherwise it prints the counts and exits 0. Not part of `npm test` (a few minutes).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fixedPorts } from './lib/fixed-ports.ts';
import { httpOk, waitFor } from './lib/ports.ts';
import { stopChild } from './lib/stack.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/lib/server/accounts/demo-accounts.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '150' } } });
const PAGES_PER_ROLE = Number(values.pages);
if (!Number.isInteger(PAGES_PER_ROLE) || PAGES_PER_ROLE < 1) throw new Error('--pages: целое число ≥ 1');

const root = path.resolve(import.meta.dirname, '..');
const ports = fixedPorts().bench;
const BASE = `http://127.0.0.1:${ports.app}`;
const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const HAS_UUID = new RegExp(UUID_SOURCE, 'i');
const UUID_IN_PATH = new RegExp(UUID_SOURCE, 'gi');
/** Links the crawl does not follow: signing out, the mailbox, downloads. */
const SKIP = /sign-out|\/dev\/|\.xlsx|\.csv|\.ics|\.pdf|\/files\/|\/api\//;
const VALUES = [
  'a\u0000b',
  'x'.repeat(20_000),
  '-1',
  '2026-13-45',
  '1e309',
  "'; select 1; --",
  '<img src=x onerror=alert(1)>',
  '',
];
const QUERIES = [
  'page=-1',
  'page=1e309',
  'q=' + 'я'.repeat(3000),
  'q=a%00b',
  'sort=%27&state=zzz&kind=zzz&year=abc',
  'from=2026-13-45&to=x&university=not-a-uuid&programme=..%2F',
  'q=%FF%FE',
];
const NONSENSE_IDS = ['-1', 'x', '00000000-0000-0000-0000-000000000000'];

const defects = new Map<string, string>();
let requests = 0;

async function send(
  cookie: string,
  method: string,
  url: string,
  body?: BodyInit,
  headers: Record<string, string> = {},
) {
  requests++;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { origin: BASE, accept: 'text/html', cookie, ...headers },
      body,
    });
    text = await res.text();
  } catch (err) {
    // no answer at all (the app went down, the connection was cut): a defect too
    defects.set(`нет ответа ${method} ${url}`, String((err as Error).cause ?? err));
    return { res: new Response(null, { status: 599 }), text: '' };
  }
  if (res.status >= 500) {
    const u = new URL(url);
    const kind = `${res.status} ${method} ${u.pathname.replace(UUID_IN_PATH, ':id')}${u.search.replace(/=[^&]*/g, '=…')}`;
    if (!defects.has(kind)) {
      defects.set(kind, typeof body === 'string' ? body.replace(/\s+/g, ' ').slice(0, 120) : '');
    }
  }
  return { res, text };
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${BASE}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error(`вход ${email}: ${res.status}`);
  return cookie;
}

interface Form {
  action: string;
  multipart: boolean;
  fields: { name: string; type: string; value: string }[];
}

const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1].replaceAll('&amp;', '&') ?? null;

function postForms(html: string, pageUrl: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if ((attr(m[1], 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const fields = [...m[2].matchAll(/<(input|select|textarea|button)\b([^>]*)>/gi)].flatMap((f) => {
      const name = attr(f[2], 'name');
      return name
        ? [{ name, type: (attr(f[2], 'type') ?? f[1]).toLowerCase(), value: attr(f[2], 'value') ?? '' }]
        : [];
    });
    forms.push({
      action: new URL(attr(m[1], 'action') ?? pageUrl, pageUrl).href,
      multipart: /multipart/i.test(attr(m[1], 'enctype') ?? ''),
      fields,
    });
  }
  return forms;
}

async function attackForm(cookie: string, form: Form) {
  for (const value of VALUES) {
    const data = form.multipart ? new FormData() : new URLSearchParams();
    for (const f of form.fields) {
      if (f.type === 'file') {
        if (data instanceof FormData) {
          data.append(
            f.name,
            new Blob([Buffer.from('%PDF-1.4 not really')], { type: 'application/pdf' }),
            'x.pdf',
          );
        }
      } else if (f.type === 'hidden' && HAS_UUID.test(f.value) && value !== '') {
        // the record the form is about stays (the value goes into the other fields)
        data.append(f.name, f.value);
      } else {
        data.append(f.name, value);
      }
    }
    if (data instanceof FormData) await send(cookie, 'POST', form.action, data);
    else
      await send(cookie, 'POST', form.action, data.toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
  }
  await send(
    cookie,
    'POST',
    form.action,
    '--zzz\r\nContent-Disposition: form-data; name="x"\r\n\r\nнедописано',
    {
      'content-type': 'multipart/form-data; boundary=zzz',
    },
  );
  await send(cookie, 'POST', form.action, '{"x":1}', { 'content-type': 'application/json' });
  if (HAS_UUID.test(form.action)) {
    for (const id of NONSENSE_IDS) {
      await send(cookie, 'POST', form.action.replace(HAS_UUID, id), 'x=1', {
        'content-type': 'application/x-www-form-urlencoded',
      });
    }
  }
}

async function crawl(role: string, cookie: string) {
  const seen = new Set<string>();
  const formsDone = new Set<string>();
  const queue = [`${BASE}/`];
  let pages = 0;
  while (queue.length > 0 && pages < PAGES_PER_ROLE) {
    const url = queue.shift()!;
    const address = url.replace(/[?#].*/, '');
    if (seen.has(address)) continue;
    seen.add(address);
    const { res, text } = await send(cookie, 'GET', url);
    if (res.status !== 200 || !(res.headers.get('content-type') ?? '').includes('text/html')) continue;
    pages++;
    for (const q of QUERIES) await send(cookie, 'GET', `${address}?${q}`);
    if (HAS_UUID.test(address)) {
      for (const id of NONSENSE_IDS) await send(cookie, 'GET', address.replace(HAS_UUID, id));
    }
    for (const m of text.matchAll(/href="(\/[^"#]*)"/g)) {
      const next = new URL(m[1].replaceAll('&amp;', '&'), BASE).href;
      if (!SKIP.test(next)) queue.push(next);
    }
    for (const form of postForms(text, url)) {
      if (SKIP.test(form.action) || formsDone.has(form.action)) continue;
      formsDone.add(form.action);
      await attackForm(cookie, form);
    }
  }
  console.log(`  ${role}: страниц ${pages}, форм ${formsDone.size}`);
}

const started = Date.now();
console.log('[hostile-input] запускаю приложение с демо-данными на отдельном стеке…');
const app = spawn(process.execPath, ['scripts/start.ts', '--fresh'], {
  cwd: root,
  env: {
    ...process.env,
    DATA_DIR: '.data/hostile-input',
    PORT: String(ports.app),
    ORIGIN: BASE,
    PG_PORT: String(ports.postgres),
    SUPABASE_PORT: String(ports.gateway),
    POSTGREST_PORT: String(ports.postgrest),
    POSTGREST_ADMIN_PORT: String(ports.postgrestAdmin),
    MEILI_PORT: String(ports.meilisearch),
    DATABASE_URL: '',
    SUPABASE_URL: '',
    POSTGREST_URL: '',
    MEILISEARCH_URL: '',
    SMTP_URL: '',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  await waitFor('приложение', () => httpOk(`${BASE}/healthz`), 300_000);
  await crawl('посетитель', '');
  for (const account of DEMO_ACCOUNTS) await crawl(account.label, await signIn(account.email));
} finally {
  await stopChild(app);
}
console.log(
  `[hostile-input] запросов ${requests.toLocaleString('ru-RU')}, видов ответа 5xx: ${defects.size}, ` +
    `${Math.round((Date.now() - started) / 1000)} с`,
);
for (const [kind, body] of defects) console.log(`  ${kind}${body ? ` :: ${body}` : ''}`);
process.exitCode = defects.size > 0 ? 1 : 0;
