import type { Meilisearch, Settings } from 'meilisearch';
import { meiliClient, OPPORTUNITIES_INDEX } from './client.ts';
import { buildSynonyms } from './synonyms.ts';

/** Russian prepositions, conjunctions and particles that a query may hold (lower case). */
export const STOP_WORDS = [
  'а',
  'без',
  'в',
  'во',
  'для',
  'до',
  'за',
  'и',
  'из',
  'или',
  'к',
  'ко',
  'на',
  'над',
  'не',
  'о',
  'об',
  'от',
  'по',
  'под',
  'при',
  'про',
  'с',
  'со',
  'у',
] as const;

/** Everything the opportunities index is configured with; applied by ensureSearchIndex(). */
export const OPPORTUNITY_INDEX_SETTINGS = {
  // in order of importance for the "attribute" ranking rule
  searchableAttributes: [
    'title',
    'organization_name',
    'programme_names',
    'description',
    'industry_name',
    'district_name',
    'work_format',
  ],
  // Facet search is never used (facets are fixed lists), and only numbers need range filters:
  // leaving those features off makes indexing noticeably faster.
  filterableAttributes: [
    {
      attributePatterns: [
        'kind',
        'industry_code',
        'district_code',
        'is_remote',
        'programme_groups',
        'programme_codes',
        'university_ids',
        'years_of_study',
        'is_paid',
        'schedule',
        'organization_id',
      ],
      features: { facetSearch: false, filter: { equality: true, comparison: false } },
    },
    {
      attributePatterns: ['pay_max', 'pay_from', 'apply_by_ts', 'expires_at_ts', 'published_at_ts'],
      features: { facetSearch: false, filter: { equality: true, comparison: true } },
    },
  ],
  sortableAttributes: ['published_at_ts', 'apply_by_ts', 'pay_max'],
  // proximity of words within one attribute rather than word by word: about twice as fast to
  // index, and titles are short enough that word-level proximity adds little
  proximityPrecision: 'byAttribute',
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['rus'] }],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  // search asks for every word of the query (matchingStrategy 'all', search.ts): these carry no
  // meaning of their own, and «стажировка для программиста» must not need «для» in the posting
  stopWords: [...STOP_WORDS],
  synonyms: buildSynonyms(),
  // pages of 20 up to page 500 (src/lib/schemas/search.ts)
  pagination: { maxTotalHits: 10_000 },
  faceting: { maxValuesPerFacet: 100 },
} satisfies Settings;

/** Settings whose lists are sets: Meilisearch may return them in another order. */
const UNORDERED = new Set(['filterableAttributes', 'sortableAttributes', 'attributePatterns', 'stopWords']);

function canonical(value: unknown, unordered = false): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    return unordered ? items.map((v) => JSON.stringify(v)).sort() : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** Whether `actual` already has every value of `desired` (objects: the keys desired names). */
function hasSettings(desired: unknown, actual: unknown, unordered = false): boolean {
  if (desired && typeof desired === 'object' && !Array.isArray(desired)) {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(desired as Record<string, unknown>).every(([k, v]) =>
      hasSettings(v, (actual as Record<string, unknown>)[k], UNORDERED.has(k)),
    );
  }
  return JSON.stringify(canonical(desired, unordered)) === JSON.stringify(canonical(actual, unordered));
}

/**
 * Creates the index `uid` (primary key `id`) if missing and applies OPPORTUNITY_INDEX_SETTINGS when
 * they differ from what it has, waiting for Meilisearch to finish. Idempotent: a second call reads
 * the settings and changes nothing. Returns whether anything was changed.
 */
export async function ensureSearchIndex(
  client: Meilisearch = meiliClient(),
  uid: string = OPPORTUNITIES_INDEX,
): Promise<boolean> {
  let changed = false;
  const exists = await client
    .getRawIndex(uid)
    .then(() => true)
    .catch((err: { cause?: { code?: string } }) => {
      if (err.cause?.code === 'index_not_found') return false;
      throw err;
    });
  if (!exists) {
    await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
    changed = true;
  }
  const index = client.index(uid);
  const current = await index.getSettings();
  if (!hasSettings(OPPORTUNITY_INDEX_SETTINGS, current)) {
    const task = await index.updateSettings(OPPORTUNITY_INDEX_SETTINGS).waitTask({ timeout: 600_000 });
    if (task.status !== 'succeeded') {
      throw new Error(`настройки индекса ${uid} не применены: ${task.error?.message ?? task.status}`);
    }
    changed = true;
  }
  return changed;
}

const ensured = new WeakMap<Meilisearch, Promise<unknown>>();

/**
 * ensureSearchIndex() once per client and process (again after a failure): index jobs call it so
 * that their first document never creates the index without its settings.
 */
export function ensureSearchIndexOnce(client: Meilisearch): Promise<unknown> {
  let done = ensured.get(client);
  if (!done) {
    done = ensureSearchIndex(client).catch((err: unknown) => {
      ensured.delete(client);
      throw err;
    });
    ensured.set(client, done);
  }
  return done;
}
