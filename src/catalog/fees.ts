/**
 * Fee computation for a procedure's fee schedule. Pure functions, integer VND throughout.
 */
import type { FeeItem, FeeSchedule, PageTier, TieredPerPageFee } from './model.js';

export interface FeeInput {
  /** Pages of the original document (tieredPerPage items). Default 1. */
  pages?: number;
  /** Copies requested (perCopy and tieredPerPage items). Default 1. */
  copies?: number;
  /** Cases / transactions / contracts (fixed and setByProvince items). Default 1. */
  cases?: number;
  /** Exempt applicant (e.g. poor household, person with disabilities): every line becomes 0. */
  exempt?: boolean;
}

export interface FeeLine {
  name: string;
  quantity: number;
  amount: number;
}

export interface FeeResult {
  total: number;
  lines: FeeLine[];
}

/** Certified-copy tiers of Circular 226/2016/TT-BTC: 2,000 đ/page for pages 1–2, 1,000 đ/page from page 3. */
export const CERTIFIED_COPY_TIERS: readonly PageTier[] = Object.freeze([
  { fromPage: 1, amountPerPage: 2_000 },
  { fromPage: 3, amountPerPage: 1_000 },
]);
/** Cap per certified copy (Circular 226/2016/TT-BTC). */
export const CERTIFIED_COPY_CAP = 200_000;

/** The fee item for "chứng thực bản sao từ bản chính" at the commune People's Committee. */
export function certifiedCopyFeeItem(): TieredPerPageFee {
  return {
    kind: 'tieredPerPage',
    name: 'Phí chứng thực bản sao từ bản chính',
    tiers: CERTIFIED_COPY_TIERS.map((t) => ({ ...t })),
    capPerCopy: CERTIFIED_COPY_CAP,
  };
}

function count(value: number | undefined, label: string): number {
  const v = value ?? 1;
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new RangeError(`${label} must be a non-negative integer, got ${String(value)}`);
  }
  return v;
}

/** Amount for ONE copy of a document of `pages` pages under page tiers, capped at `capPerCopy`. */
export function tieredAmountPerCopy(tiers: readonly PageTier[], pages: number, capPerCopy?: number): number {
  let sum = 0;
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i]!;
    const next = tiers[i + 1];
    const last = next ? Math.min(pages, next.fromPage - 1) : pages;
    const n = last - tier.fromPage + 1;
    if (n > 0) sum += n * tier.amountPerPage;
  }
  return capPerCopy === undefined ? sum : Math.min(sum, capPerCopy);
}

function line(item: FeeItem, pages: number, copies: number, cases: number): FeeLine {
  switch (item.kind) {
    case 'fixed':
      return { name: item.name, quantity: cases, amount: item.amount * cases };
    case 'perCopy':
      return { name: item.name, quantity: copies, amount: item.amount * copies };
    case 'tieredPerPage':
      return { name: item.name, quantity: copies, amount: tieredAmountPerCopy(item.tiers, pages, item.capPerCopy) * copies };
    case 'setByProvince':
      return { name: item.name, quantity: cases, amount: (item.amount ?? 0) * cases };
  }
}

/**
 * Compute the fee for a request. Every item of the schedule is charged; quantities default to 1.
 * `exempt` keeps the lines (for the receipt / audit) with amount 0.
 * Throws RangeError when pages/copies/cases is negative or not an integer.
 */
export function computeFee(schedule: FeeSchedule, input: FeeInput = {}): FeeResult {
  const pages = count(input.pages, 'pages');
  const copies = count(input.copies, 'copies');
  const cases = count(input.cases, 'cases');
  const lines = schedule.items.map((item) => {
    const l = line(item, pages, copies, cases);
    return input.exempt ? { ...l, amount: 0 } : l;
  });
  const total = lines.reduce((s, l) => s + l.amount, 0);
  return { total, lines };
}

/** Separator between the number and "đ": a no-break space, so the amount never wraps away from its unit. */
export const VND_SEPARATOR = '\u00A0';

/**
 * Format an amount in VND the Vietnamese way: dots between thousands, then a no-break space and "đ".
 * formatVnd(1250000) === '1.250.000\u00A0đ'. Non-integers are rounded to the nearest đồng.
 */
export function formatVnd(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite amount: ${String(n)}`);
  const rounded = Math.round(n);
  const sign = rounded < 0 ? '-' : '';
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${digits}${VND_SEPARATOR}đ`;
}
