/**
 * Money as an integer number of the currency's minor units (cents for USD and EUR, none for CLP),
 * never binary floating point. Arithmetic that can leave the safe integer range (a margin applied
 * to a large amount) runs in `bigint` and is checked on the way back. Rounding is half away from
 * zero, stated where it happens.
 */
export interface Money {
  /** ISO 4217 code, upper case (`EUR`). */
  currency: string;
  /** Whole minor units (`1250` is 12.50 EUR). */
  minor: number;
}

const CURRENCY_CODE = /^[A-Z]{3}$/;
const minorDigitsCache = new Map<string, number>();

/** Whether `code` is an ISO 4217 code Intl knows (three upper-case letters). */
export function isCurrencyCode(code: string): boolean {
  if (!CURRENCY_CODE.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** How many minor digits `currency` has (2 for EUR, 0 for CLP and JPY), as Intl's CLDR data says. */
export function minorDigits(currency: string): number {
  const cached = minorDigitsCache.get(currency);
  if (cached !== undefined) return cached;
  if (!isCurrencyCode(currency)) throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  minorDigitsCache.set(currency, digits);
  return digits;
}

function checked(minor: bigint, what: string): number {
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} is out of range`);
  }
  return Number(minor);
}

/** `minor` minor units of `currency`; refuses a fraction of a minor unit. */
export function money(currency: string, minor: number): Money {
  minorDigits(currency);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units`);
  return { currency, minor };
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string (`"12.5"`, `"72.0000"`) exactly into minor units. Digits beyond the
 * currency's minor unit are rounded half away from zero (Microsoft's price sheets carry up to four
 * decimals; the amount charged is in the currency's minor unit).
 */
export function parseMoney(currency: string, decimal: string): Money {
  const m = DECIMAL.exec(decimal.trim());
  if (!m) throw new RangeError(`"${decimal}" is not a decimal amount`);
  const digits = minorDigits(currency);
  const fraction = m[3] ?? '';
  const kept = (fraction + '0'.repeat(digits)).slice(0, digits);
  const rest = fraction.slice(digits);
  let minor = BigInt(m[2]! + kept);
  if (rest !== '' && Number(rest[0]) >= 5) minor += 1n;
  if (m[1] && minor !== 0n) minor = -minor;
  return { currency, minor: checked(minor, `"${decimal}"`) };
}

/** The plain decimal string of an amount (`"12.50"`), for storage and wire formats. */
export function toDecimalString(amount: Money): string {
  const digits = minorDigits(amount.currency);
  const negative = amount.minor < 0;
  const text = Math.abs(amount.minor).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** The amount as a person reads it in `locale` (`12,50 €` in es-ES), by Intl. */
export function formatMoney(amount: Money, locale: string): string {
  const digits = minorDigits(amount.currency);
  // Intl takes a decimal string exactly (no float rounding) since ES2023's Intl.NumberFormat v3.
  return new Intl.NumberFormat(locale, { style: 'currency', currency: amount.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    toDecimalString(amount) as unknown as number,
  );
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`cannot combine ${a.currency} and ${b.currency}`);
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { currency: a.currency, minor: checked(BigInt(a.minor) + BigInt(b.minor), 'the sum') };
}

/** Sum of `amounts` in `currency` (zero for none). */
export function sumMoney(currency: string, amounts: readonly Money[]): Money {
  return amounts.reduce((total, a) => addMoney(total, a), money(currency, 0));
}

/** `amount` × a whole `quantity` (seats). */
export function multiplyMoney(amount: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`${quantity} is not a whole quantity`);
  return { currency: amount.currency, minor: checked(BigInt(amount.minor) * BigInt(quantity), 'the product') };
}

/** Integer division of `n` by positive `d`, rounding half away from zero. */
function divideRounded(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/**
 * `amount` raised by a margin in basis points (`1500` = 15 %; negative for a discount), rounded
 * half away from zero to the minor unit.
 */
export function applyMarginBasisPoints(amount: Money, basisPoints: number): Money {
  if (!Number.isSafeInteger(basisPoints) || basisPoints <= -10_000) throw new RangeError(`${basisPoints} is not a margin in basis points above -10000`);
  const minor = divideRounded(BigInt(amount.minor) * BigInt(10_000 + basisPoints), 10_000n);
  return { currency: amount.currency, minor: checked(minor, 'the amount with its margin') };
}

/** -1, 0 or 1; only amounts of one currency compare. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}
