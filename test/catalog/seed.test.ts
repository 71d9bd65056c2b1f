import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { seedProcedures } from '../../src/catalog/seed/index.js';
import { ProcedureVersionSchema } from '../../src/catalog/model.js';
import { computeFee } from '../../src/catalog/fees.js';

const raw: unknown = JSON.parse(readFileSync(new URL('../../src/catalog/seed/procedures.json', import.meta.url), 'utf8'));

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

const byCode = (code: string) => {
  const p = seedProcedures.find((x) => x.code === code);
  if (!p) throw new Error(`missing ${code}`);
  return p;
};

describe('seed procedures', () => {
  it('has at least 25 procedures, all valid, with unique codes, sorted by code', () => {
    expect(seedProcedures.length).toBeGreaterThanOrEqual(25);
    for (const p of seedProcedures) expect(() => ProcedureVersionSchema.parse(p)).not.toThrow();
    const codes = seedProcedures.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
  });

  it('the committed JSON is already in parsed (normalised) form', () => {
    expect(seedProcedures).toEqual(raw);
  });

  it('every string is NFC and trimmed', () => {
    for (const s of strings(raw)) {
      expect(s.normalize('NFC')).toBe(s);
      expect(s.trim()).toBe(s);
    }
  });

  it('all are commune level, effective 2025-07-01, with a confidence tag', () => {
    for (const p of seedProcedures) {
      expect(p.level).toBe('commune');
      expect(p.effectiveFrom).toBe('2025-07-01');
      expect(['C', 'S', 'G']).toContain(p.confidence);
      expect(p.name.startsWith('Thủ tục')).toBe(false);
    }
  });

  it('immediate procedures have a 0 working-day limit', () => {
    for (const p of seedProcedures.filter((x) => x.workflow === 'immediate')) {
      expect(p.timeLimit).toEqual({ value: 0, unit: 'working-days' });
    }
  });

  it('1.001193 is "Đăng ký khai sinh", immediate, free when on time', () => {
    const p = byCode('1.001193');
    expect(p.name).toBe('Đăng ký khai sinh');
    expect(p.sector).toBe('Hộ tịch');
    expect(p.workflow).toBe('immediate');
    expect(p.competentBody).toBe('Ủy ban nhân dân cấp xã');
    expect(p.requiredDocuments.some((d) => d.name.includes('Giấy chứng sinh'))).toBe(true);
    expect(computeFee(p.fees).total).toBe(0);
  });

  it('2.000815 certified copies have the tiered fee of Circular 226/2016', () => {
    const p = byCode('2.000815');
    const item = p.fees.items[0];
    expect(item?.kind).toBe('tieredPerPage');
    expect(computeFee(p.fees, { pages: 3 }).total).toBe(5_000);
    expect(computeFee(p.fees, { pages: 199 }).total).toBe(200_000);
  });

  it('has the fixed-fee certifications and the per-copy extract fee', () => {
    expect(computeFee(byCode('2.000884').fees).total).toBe(10_000);
    expect(computeFee(byCode('2.001035').fees).total).toBe(50_000);
    expect(computeFee(byCode('2.000635').fees, { copies: 2 }).total).toBe(16_000);
  });

  it('residence procedures are handled by the commune police', () => {
    for (const code of ['1.004222', '1.004194']) {
      expect(byCode(code).competentBody).toBe('Công an cấp xã');
    }
    expect(byCode('1.004222').timeLimit).toEqual({ value: 7, unit: 'working-days' });
  });

  it('includes the core civil-status procedures of domain-vn §5', () => {
    const codes = new Set(seedProcedures.map((p) => p.code));
    for (const c of ['1.001193', '1.000894', '1.000656', '1.004873', '1.004884', '1.004746', '1.001022', '1.004859', '1.004837', '2.000635', '2.000815', '2.000884', '2.000992', '2.000908', '1.011607']) {
      expect(codes.has(c), c).toBe(true);
    }
  });

  it('legal basis entries look like document numbers', () => {
    for (const p of seedProcedures) {
      expect(p.legalBasis.length).toBeGreaterThan(0);
      for (const l of p.legalBasis) expect(l).toMatch(/^\d+(\.\d+)?\/(\d{4}\/)?[A-ZĐƯ]/u);
    }
  });
});
