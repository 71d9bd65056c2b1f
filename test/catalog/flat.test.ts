import { describe, expect, it } from 'vitest';
import { seedProcedures } from '../../src/catalog/seed/index.js';
import { fromFlat, toFlat } from '../../src/catalog/flat.js';
import { decodeDocuments, decodeFees } from '../../src/catalog/line-codec.js';

describe('flat text form of a procedure (admin form, XLSX, CSV)', () => {
  it('round-trips every seeded procedure exactly', () => {
    for (const v of seedProcedures) {
      const { confidence: _c, ...expected } = v;
      const back = fromFlat(toFlat(v));
      expect(back.ok, v.code).toBe(true);
      if (back.ok) expect(back.value, v.code).toEqual(expected);
    }
  });

  it('reads the certified-copy fee line with tiers and cap', () => {
    expect(decodeFees('theo trang | Phí chứng thực | 1:2000, 3:1000 | tối đa 200.000')).toEqual([
      { kind: 'tieredPerPage', name: 'Phí chứng thực', tiers: [{ fromPage: 1, amountPerPage: 2000 }, { fromPage: 3, amountPerPage: 1000 }], capPerCopy: 200000 },
    ]);
  });

  it('names the faulty line', () => {
    expect(() => decodeDocuments('Tờ khai | bản chính | 1\nGiấy chứng sinh | bản nháp | 1')).toThrow('Dòng 2: hình thức "bản nháp" không hợp lệ');
    expect(() => decodeFees('cố định | Lệ phí | mười nghìn')).toThrow(/Dòng 1: số tiền/);
  });

  it('accepts dates typed as dd/mm/yyyy and normalises text to NFC', () => {
    const nfd = 'Đăng ký khai sinh'.normalize('NFD');
    const flat = { ...toFlat(seedProcedures[0]!), name: nfd, effectiveFrom: '5/1/2027' };
    const r = fromFlat(flat);
    expect(r.ok && r.value.effectiveFrom).toBe('2027-01-05');
    expect(r.ok && r.value.name).toBe('Đăng ký khai sinh'.normalize('NFC'));
  });
});
