import { expect, test } from 'vitest';
import { hitFromRow, hitRow } from '../../src/lib/components/search/hit-row.ts';
import type { ShownSearchHit } from '../../src/lib/server/search/types.ts';

test('a hit travels in the page data as a row of values and comes back whole', () => {
  const hit: ShownSearchHit = {
    id: '5f0c7b0e-3f1a-4c47-9a3e-1d2b3c4d5e6f',
    kind: 'vacancy',
    titleHighlighted: '<mark>Инженер</mark>-технолог',
    snippetHighlighted: 'Смены 2/2, обучение на месте',
    organizationId: '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b',
    organizationName: 'АО «Азот»',
    districtName: 'Заводский',
    isRemote: false,
    isPaid: true,
    payFrom: 60_000,
    payTo: null,
    applyBy: '2027-01-15',
  };
  const row = hitRow(hit);
  expect(row).toHaveLength(12);
  expect(row[0]).toBe(hit.id);
  expect(row).not.toContain(undefined);
  expect(hitFromRow(row)).toEqual(hit);
});
