import { describe, expect, it } from 'vitest';
import { seedUnits, UnitSeedSchema } from '../../src/identity/seed/index.js';

describe('seed units (Hà Tĩnh)', () => {
  it('has the province and its 69 communes/wards, all valid and unique', () => {
    const provinces = seedUnits.filter((u) => u.kind === 'province');
    const communes = seedUnits.filter((u) => u.kind !== 'province');
    expect(provinces).toHaveLength(1);
    expect(provinces[0]).toMatchObject({ code: '42', name: 'Hà Tĩnh', fullName: 'Tỉnh Hà Tĩnh', parentCode: null, agencyCode: 'H42' });
    expect(communes).toHaveLength(69);
    expect(communes.filter((u) => u.kind === 'ward')).toHaveLength(9);
    expect(communes.filter((u) => u.kind === 'commune')).toHaveLength(60);
    for (const u of communes) {
      expect(u.parentCode).toBe('42');
      expect(u.code).toMatch(/^\d{5}$/);
      expect(u.agencyCode).toBe(`H42.${u.code}`);
      expect(u.fullName.endsWith(u.name)).toBe(true);
    }
    for (const u of seedUnits) expect(() => UnitSeedSchema.parse(u)).not.toThrow();
    expect(new Set(seedUnits.map((u) => u.code)).size).toBe(seedUnits.length);
  });

  it('Xã Tứ Mỹ (18202) remembers Sơn Châu and Châu Bình', () => {
    const tuMy = seedUnits.find((u) => u.code === '18202');
    expect(tuMy).toMatchObject({ name: 'Tứ Mỹ', fullName: 'Xã Tứ Mỹ', kind: 'commune' });
    expect(tuMy?.formerNames).toContain('Sơn Châu');
    expect(tuMy?.formerNames).toContain('Châu Bình');
  });

  it('all strings are NFC', () => {
    for (const u of seedUnits) {
      for (const s of [u.name, u.fullName, ...u.formerNames]) expect(s.normalize('NFC')).toBe(s);
    }
  });
});
