import { randomInt } from 'node:crypto';

const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit10(first9: number[]): number {
  return (first9.reduce((sum, digit, i) => sum + digit * WEIGHTS_10[i], 0) % 11) % 10;
}

/**
 * A random ИНН of a legal entity (10 digits) with a correct check digit, registered in Kuzbass:
 * region 42, one of the Kemerovo tax offices (4205, 4207, 4209), a random record number.
 */
export function validInn10(): string {
  const office = ['4205', '4207', '4209'][randomInt(3)];
  const digits = [...office, ...String(randomInt(100_000)).padStart(5, '0')].map(Number);
  return [...digits, checkDigit10(digits)].join('');
}

/** The same shape with a wrong check digit: what a typo in the last digit looks like. */
export function invalidInn10(): string {
  const valid = validInn10();
  const wrong = (Number(valid[9]) + 1 + randomInt(9)) % 10;
  return valid.slice(0, 9) + String(wrong);
}
