const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];

let issued = 0;

function checkDigit(first9: string): number {
  return (WEIGHTS_10.reduce((sum, w, i) => sum + w * Number(first9[i]), 0) % 11) % 10;
}

/**
 * A ИНН of a legal entity (10 digits) with a correct check digit: Kemerovo tax office 4205 and a
 * record number taken from the clock and a counter, so that two runs (and two calls) rarely meet.
 */
export function validInn(): string {
  issued += 1;
  const record = String((Date.now() + issued * 7919) % 100_000).padStart(5, '0');
  const first9 = `4205${record}`;
  return `${first9}${checkDigit(first9)}`;
}

/** The same shape with a wrong last digit: what a typo looks like. */
export function innWithWrongCheckDigit(): string {
  const valid = validInn();
  const wrong = (Number(valid[9]) + 1) % 10;
  return `${valid.slice(0, 9)}${wrong}`;
}

export function isValidInn10(inn: string): boolean {
  return /^\d{10}$/.test(inn) && checkDigit(inn.slice(0, 9)) === Number(inn[9]);
}
