import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CERTIFIED_COPY_CAP,
  certifiedCopyFeeItem,
  computeFee,
  formatVnd,
  tieredAmountPerCopy,
  CERTIFIED_COPY_TIERS,
} from '../../src/catalog/fees.js';
import { FeeScheduleSchema, type FeeSchedule } from '../../src/catalog/model.js';

const certified: FeeSchedule = { items: [certifiedCopyFeeItem()], exemptions: [] };

describe('computeFee — certified copy tiers (Circular 226/2016)', () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 5_000],
    [4, 6_000],
    [10, 12_000],
    [198, 200_000],
    [199, 200_000],
    [1000, 200_000],
    [0, 0],
  ])('%i page(s), 1 copy → %i đ', (pages, expected) => {
    expect(computeFee(certified, { pages }).total).toBe(expected);
  });

  it('multiplies by copies', () => {
    const r = computeFee(certified, { pages: 3, copies: 4 });
    expect(r.total).toBe(20_000);
    expect(r.lines).toEqual([{ name: 'Phí chứng thực bản sao từ bản chính', quantity: 4, amount: 20_000 }]);
  });

  it('0 copies → 0', () => {
    expect(computeFee(certified, { pages: 50, copies: 0 }).total).toBe(0);
  });

  it('defaults to 1 page and 1 copy', () => {
    expect(computeFee(certified).total).toBe(2_000);
  });

  it('is a valid schedule', () => {
    expect(FeeScheduleSchema.parse(certified)).toEqual(certified);
  });

  const pagesArb = fc.integer({ min: 0, max: 5_000 });
  const copiesArb = fc.integer({ min: 0, max: 50 });

  it('is monotonic in pages', () => {
    fc.assert(
      fc.property(pagesArb, pagesArb, copiesArb, (a, b, copies) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(computeFee(certified, { pages: lo, copies }).total).toBeLessThanOrEqual(
          computeFee(certified, { pages: hi, copies }).total,
        );
      }),
    );
  });

  it('never exceeds cap × copies and is linear in copies', () => {
    fc.assert(
      fc.property(pagesArb, copiesArb, (pages, copies) => {
        const total = computeFee(certified, { pages, copies }).total;
        expect(total).toBeLessThanOrEqual(CERTIFIED_COPY_CAP * copies);
        expect(total).toBe(computeFee(certified, { pages }).total * copies);
        expect(Number.isInteger(total)).toBe(true);
      }),
    );
  });

  it('matches the closed form min(2000·min(p,2) + 1000·max(p−2,0), 200000)', () => {
    fc.assert(
      fc.property(pagesArb, (p) => {
        const expected = Math.min(2000 * Math.min(p, 2) + 1000 * Math.max(p - 2, 0), 200_000);
        expect(tieredAmountPerCopy(CERTIFIED_COPY_TIERS, p, CERTIFIED_COPY_CAP)).toBe(expected);
      }),
    );
  });

  it('exempt → total 0 but lines kept', () => {
    fc.assert(
      fc.property(pagesArb, copiesArb, (pages, copies) => {
        const r = computeFee(certified, { pages, copies, exempt: true });
        expect(r.total).toBe(0);
        expect(r.lines).toHaveLength(1);
        expect(r.lines[0]!.amount).toBe(0);
        expect(r.lines[0]!.quantity).toBe(copies);
      }),
    );
  });
});

describe('computeFee — other kinds', () => {
  const schedule: FeeSchedule = {
    items: [
      { kind: 'fixed', name: 'Phí chứng thực chữ ký', amount: 10_000 },
      { kind: 'perCopy', name: 'Lệ phí cấp bản sao trích lục', amount: 8_000 },
      { kind: 'setByProvince', name: 'Lệ phí hộ tịch', note: 'Do HĐND tỉnh quy định' },
    ],
    exemptions: ['Người thuộc hộ nghèo'],
  };

  it('fixed × cases, perCopy × copies, setByProvince defaults to 0', () => {
    const r = computeFee(schedule, { cases: 2, copies: 3 });
    expect(r.lines).toEqual([
      { name: 'Phí chứng thực chữ ký', quantity: 2, amount: 20_000 },
      { name: 'Lệ phí cấp bản sao trích lục', quantity: 3, amount: 24_000 },
      { name: 'Lệ phí hộ tịch', quantity: 2, amount: 0 },
    ]);
    expect(r.total).toBe(44_000);
  });

  it('setByProvince uses the configured amount', () => {
    const configured: FeeSchedule = {
      items: [{ kind: 'setByProvince', name: 'Lệ phí hộ tịch', note: 'NQ HĐND tỉnh', amount: 5_000 }],
      exemptions: [],
    };
    expect(computeFee(configured, { cases: 3 }).total).toBe(15_000);
  });

  it('exempt → all amounts 0', () => {
    const r = computeFee(schedule, { cases: 2, copies: 3, exempt: true });
    expect(r.total).toBe(0);
    expect(r.lines.map((l) => l.amount)).toEqual([0, 0, 0]);
  });

  it('empty schedule → 0', () => {
    expect(computeFee({ items: [], exemptions: [] })).toEqual({ total: 0, lines: [] });
  });

  it('total is the sum of the lines', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.nat(100), fc.nat(100), (pages, copies, cases) => {
        const s: FeeSchedule = { ...schedule, items: [...schedule.items, certifiedCopyFeeItem()] };
        const r = computeFee(s, { pages, copies, cases });
        expect(r.total).toBe(r.lines.reduce((a, l) => a + l.amount, 0));
      }),
    );
  });

  it.each([{ pages: -1 }, { copies: 1.5 }, { cases: Number.NaN }])('rejects invalid input %o', (input) => {
    expect(() => computeFee(schedule, input)).toThrow(RangeError);
  });
});

describe('formatVnd', () => {
  it.each([
    [0, '0\u00A0đ'],
    [8_000, '8.000\u00A0đ'],
    [200_000, '200.000\u00A0đ'],
    [1_250_000, '1.250.000\u00A0đ'],
    [1_000_000_000, '1.000.000.000\u00A0đ'],
    [999, '999\u00A0đ'],
    [-50_000, '-50.000\u00A0đ'],
    [1234.6, '1.235\u00A0đ'],
  ])('%d → %s', (n, s) => {
    expect(formatVnd(n)).toBe(s);
  });

  it('uses a no-break space consistently', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const s = formatVnd(n);
        expect(s.endsWith('\u00A0đ')).toBe(true);
        expect(s).not.toContain(' ');
        expect(Number(s.slice(0, -2).replaceAll('.', ''))).toBe(n);
      }),
    );
  });

  it('rejects non-finite', () => {
    expect(() => formatVnd(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
