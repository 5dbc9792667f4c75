/** The database's hint (a column or argument) → the form field that shows its message. */
export const CONTRACT_FIELDS: Record<string, string> = {
  employer_id: 'employerId',
  university_id: 'universityId',
  kind: 'kind',
  number: 'number',
  signed_on: 'signedOn',
  valid_from: 'validFrom',
  valid_to: 'validTo',
  programme_codes: 'programmeCodes',
  places_per_year: 'placesPerYear',
  premises_address: 'premisesAddress',
  scan: 'scan',
  reason: 'reason',
  status: 'form',
  id: 'form',
};

/** For a party's form, both organization fields are the one «вторая сторона» field. */
export const PARTY_CONTRACT_FIELDS: Record<string, string> = {
  ...CONTRACT_FIELDS,
  employer_id: 'partnerId',
  university_id: 'partnerId',
};

export type OperationResult<T = object> =
  ({ ok: true } & T) | { ok: false; field: string; message: string; status: number };
