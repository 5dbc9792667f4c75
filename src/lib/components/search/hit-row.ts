import type { ShownSearchHit } from '$lib/server/search/types';

/**
 * A result card as the search page's data carries it: a tuple, not an object whose twelve keys
 * each of 20 hits would repeat (~2.8 KB; everything in a page's data is sent a second time beside
 * the markup, issue 10 item 21). searchPageResult makes them, the page reads them with hitFromRow.
 */
const HIT_FIELDS = [
  'id',
  'kind',
  'titleHighlighted',
  'snippetHighlighted',
  'organizationId',
  'organizationName',
  'districtName',
  'isRemote',
  'isPaid',
  'payFrom',
  'payTo',
  'applyBy',
] as const satisfies readonly (keyof ShownSearchHit)[];

type Fields = typeof HIT_FIELDS;

/** The values of a hit in the order of HIT_FIELDS. */
export type HitRow = {
  -readonly [I in keyof Fields]: Fields[I] extends keyof ShownSearchHit ? ShownSearchHit[Fields[I]] : never;
};

export function hitRow(h: ShownSearchHit): HitRow {
  return HIT_FIELDS.map((field) => h[field]) as unknown as HitRow;
}

export function hitFromRow(row: HitRow): ShownSearchHit {
  return Object.fromEntries(HIT_FIELDS.map((field, i) => [field, row[i]])) as ShownSearchHit;
}
