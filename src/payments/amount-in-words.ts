/**
 * "Số tiền bằng chữ" on a fee receipt (feeReceipt): an integer VND amount in Vietnamese words.
 * Reading is done by `read-vietnamese-number` (pinned); this module fixes the receipt conventions.
 */
import { ReadingConfig, doReadNumber } from 'read-vietnamese-number';

/** How a receipt spells the amount. The defaults follow northern/central official usage (Hà Tĩnh); unconfirmed, so configurable. */
export interface AmountWordingOptions {
  /** Word for a zero tens digit after hundreds: "một nghìn không trăm **linh** năm" (default) or "lẻ". */
  zeroTens?: 'linh' | 'lẻ';
  /** Word for 10^9: "tỷ" (default) or "tỉ". */
  billion?: 'tỷ' | 'tỉ';
  /** Units digit 4 after a tens digit ≥ 2: "hai mươi **tư**" (default, the library's and northern usage) or "bốn". 14 is always "mười bốn". */
  fourAfterTens?: 'tư' | 'bốn';
}

/** Largest amount accepted: 999 999 tỷ 999 triệu … (10^15 − 1 VND), far above any fee, still an exact JS number. */
export const MAX_AMOUNT_IN_WORDS = 999_999_999_999_999n;

/** Why an amount cannot be written on a receipt. */
export class AmountInWordsError extends RangeError {
  override name = 'AmountInWordsError';
}

function toBigInt(vnd: number | bigint): bigint {
  if (typeof vnd === 'bigint') return vnd;
  if (typeof vnd !== 'number' || Number.isNaN(vnd)) throw new AmountInWordsError(`Số tiền không phải là số: ${String(vnd)}`);
  if (!Number.isInteger(vnd)) throw new AmountInWordsError(`Số tiền phải là số nguyên đồng: ${vnd}`);
  if (!Number.isSafeInteger(vnd)) throw new AmountInWordsError(`Số tiền quá lớn: ${vnd}`);
  return BigInt(vnd);
}

function readingConfig(options: AmountWordingOptions): ReadingConfig {
  const config = new ReadingConfig();
  config.unit = ['đồng'];
  config.oddText = options.zeroTens ?? 'linh';
  config.units = [[], ['nghìn'], ['triệu'], [options.billion ?? 'tỷ']];
  config.fourToneText = options.fourAfterTens ?? 'tư';
  return config;
}

/**
 * The amount in words as printed on a fee receipt: first letter capitalised, ending in " đồng", NFC.
 * `amountInWords(1005)` → "Một nghìn không trăm linh năm đồng".
 * @throws AmountInWordsError for NaN, fractional, negative or absurdly large amounts (> {@link MAX_AMOUNT_IN_WORDS}).
 */
export function amountInWords(vnd: number | bigint, options: AmountWordingOptions = {}): string {
  const amount = toBigInt(vnd);
  if (amount < 0n) throw new AmountInWordsError(`Số tiền không được âm: ${amount}`);
  if (amount > MAX_AMOUNT_IN_WORDS) throw new AmountInWordsError(`Số tiền quá lớn: ${amount}`);
  const words = doReadNumber(amount, readingConfig(options)).normalize('NFC');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
