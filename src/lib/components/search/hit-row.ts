import type { OpportunityKind } from '$lib/opportunities';
import type { ShownSearchHit } from '$lib/server/search/types';

/**
 * A result card as the search page's data carries it: a tuple, not an object whose twelve keys
 * each of 20 hits would repeat (~2.8 KB; everything in a page's data is sent a second time beside
 * the markup, issue 10 item 21). searchPageResult makes them, the page reads them with hitFromRow.
 */
export type HitRow = [
  id: string,
  kind: OpportunityKind,
  titleHighlighted: string,
  snippetHighlighted: string,
  organizationId: string,
  organizationName: string,
  districtName: string | null,
  isRemote: boolean,
  isPaid: boolean,
  payFrom: number | null,
  payTo: number | null,
  applyBy: string | null,
];

export function hitRow(h: ShownSearchHit): HitRow {
  return [
    h.id,
    h.kind,
    h.titleHighlighted,
    h.snippetHighlighted,
    h.organizationId,
    h.organizationName,
    h.districtName,
    h.isRemote,
    h.isPaid,
    h.payFrom,
    h.payTo,
    h.applyBy,
  ];
}

export function hitFromRow(row: HitRow): ShownSearchHit {
  const [
    id,
    kind,
    titleHighlighted,
    snippetHighlighted,
    organizationId,
    organizationName,
    districtName,
    isRemote,
    isPaid,
    payFrom,
    payTo,
    applyBy,
  ] = row;
  return {
    id,
    kind,
    titleHighlighted,
    snippetHighlighted,
    organizationId,
    organizationName,
    districtName,
    isRemote,
    isPaid,
    payFrom,
    payTo,
    applyBy,
  };
}
