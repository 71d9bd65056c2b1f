import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TlvError, crc16CcittFalse, parseTlv, tlv } from '../../src/payments/emv-tlv.js';
import { VietQrError, buildVietQr, parseVietQr, type VietQr } from '../../src/payments/vietqr.js';

/** domain-vn §8.3: BIN 970436, account 0011001234567, dynamic, 50 000 đ, note "LE PHI HS 0002". */
const VECTOR = '00020101021238570010A00000072701270006970436011300110012345670208QRIBFTTA53037045405500005802VN62180814LE PHI HS 000263048B50';
const VECTOR_INPUT: VietQr = { bin: '970436', account: '0011001234567', amount: 50_000, purpose: 'LE PHI HS 0002' };

describe('EMV TLV and CRC', () => {
  it('CRC-16/CCITT-FALSE check value: "123456789" → 29B1', () => {
    expect(crc16CcittFalse('123456789')).toBe('29B1');
  });

  it('pads the CRC to 4 uppercase hex digits', () => {
    expect(crc16CcittFalse('')).toBe('FFFF');
    for (const s of ['A', 'VietQR', '6304']) expect(crc16CcittFalse(s)).toMatch(/^[0-9A-F]{4}$/);
  });

  it('encodes ID, 2-digit length and value', () => {
    expect(tlv('58', 'VN')).toBe('5802VN');
    expect(tlv('54', '1234567890123')).toBe('54131234567890123');
    expect(tlv('59', 'x'.repeat(99))).toHaveLength(103);
  });

  it('refuses an empty or over-long value and a bad ID', () => {
    expect(() => tlv('59', '')).toThrow(TlvError);
    expect(() => tlv('59', 'x'.repeat(100))).toThrow(/1–99/);
    expect(() => tlv('5', 'VN')).toThrow(/2 chữ số/);
  });

  it('splits fields and refuses truncated, malformed and repeated ones', () => {
    expect(parseTlv('000201010212')).toEqual([{ id: '00', value: '01' }, { id: '01', value: '12' }]);
    expect(() => parseTlv('000501')).toThrow(/cụt/);
    expect(() => parseTlv('00AB01')).toThrow(/Đầu trường/);
    expect(() => parseTlv('00020100')).toThrow(/Đầu trường/);
    expect(() => parseTlv('00020101020')).toThrow(/cụt/);
    expect(() => parseTlv('00020100000102')).toThrow(/rỗng/);
    expect(() => parseTlv('0002010002 1')).toThrow(/lặp lại/);
    expect(() => parseTlv('000501')).toThrow(TlvError);
  });
});

describe('buildVietQr', () => {
  it('gives the test vector of domain-vn §8.3 exactly', () => {
    expect(buildVietQr(VECTOR_INPUT)).toBe(VECTOR);
  });

  it('makes a static code (01 = 11, no field 54) without an amount', () => {
    const payload = buildVietQr({ bin: '970405', account: '3700205123456' });
    expect(payload.slice(0, -4)).toBe('00020101021138570010A00000072701270006970405011337002051234560208QRIBFTTA53037045802VN6304');
    expect(payload.slice(-4)).toBe(crc16CcittFalse(payload.slice(0, -4)));
  });

  it('puts the name (59) and city (60) after the country and before the note, in ID order', () => {
    const payload = buildVietQr({ ...VECTOR_INPUT, merchantName: 'UBND XA TU MY', merchantCity: 'HA TINH' });
    expect(payload).toContain('5802VN5913UBND XA TU MY6007HA TINH62180814LE PHI HS 00026304');
  });

  it('uses QRIBFTTC for a card', () => {
    expect(buildVietQr({ bin: '970422', account: '9704229200000001', service: 'QRIBFTTC' })).toContain('0208QRIBFTTC');
  });

  it.each<[string, VietQr, RegExp]>([
    ['a 5-digit BIN', { bin: '97043', account: '1' }, /BIN/],
    ['a BIN with a letter', { bin: '97043A', account: '1' }, /BIN/],
    ['an empty account', { bin: '970436', account: '' }, /tài khoản/],
    ['a 20-character account', { bin: '970436', account: '1'.repeat(20) }, /tài khoản/],
    ['an account with a dash', { bin: '970436', account: '0011-001' }, /tài khoản/],
    ['amount 0', { ...VECTOR_INPUT, amount: 0 }, /Số tiền/],
    ['a negative amount', { ...VECTOR_INPUT, amount: -5 }, /Số tiền/],
    ['a fractional amount', { ...VECTOR_INPUT, amount: 1.5 }, /Số tiền/],
    ['NaN', { ...VECTOR_INPUT, amount: Number.NaN }, /Số tiền/],
    ['a 14-digit amount', { ...VECTOR_INPUT, amount: 10_000_000_000_000 }, /13 chữ số/],
    ['a note with diacritics', { ...VECTOR_INPUT, purpose: 'Lệ phí HS 0002' }, /ASCII/],
    ['a 26-character note', { ...VECTOR_INPUT, purpose: 'X'.repeat(26) }, /tối đa 25/],
    ['an empty note', { ...VECTOR_INPUT, purpose: '' }, /ASCII/],
    ['a name with diacritics', { ...VECTOR_INPUT, merchantName: 'UBND xã Tứ Mỹ' }, /ASCII/],
    ['a 16-character city', { ...VECTOR_INPUT, merchantCity: 'C'.repeat(16) }, /tối đa 15/],
    ['an unknown service', { ...VECTOR_INPUT, service: 'QRPUSH' as never }, /dịch vụ/],
  ])('refuses %s', (_, input, message) => {
    expect(() => buildVietQr(input)).toThrow(VietQrError);
    expect(() => buildVietQr(input)).toThrow(message);
  });

  it('accepts the largest amount and the longest account', () => {
    const payload = buildVietQr({ bin: '970436', account: 'A'.repeat(19), amount: 9_999_999_999_999 });
    expect(payload).toContain('54139999999999999');
    expect(parseVietQr(payload).account).toBe('A'.repeat(19));
  });
});

describe('parseVietQr', () => {
  it('reads the test vector', () => {
    expect(parseVietQr(VECTOR)).toEqual({ ...VECTOR_INPUT, service: 'QRIBFTTA', dynamic: true });
  });

  it('round-trips build → parse for any valid input', () => {
    const ascii = (max: number) => fc.string({ unit: fc.constantFrom(...'ABC xyz019.-/&<>#'.split('')), minLength: 1, maxLength: max });
    const input = fc.record(
      {
        bin: fc.stringMatching(/^\d{6}$/),
        account: fc.stringMatching(/^[A-Za-z0-9]{1,19}$/),
        service: fc.constantFrom('QRIBFTTA' as const, 'QRIBFTTC' as const),
        amount: fc.integer({ min: 1, max: 9_999_999_999_999 }),
        purpose: ascii(25),
        merchantName: ascii(25),
        merchantCity: ascii(15),
      },
      { requiredKeys: ['bin', 'account'] },
    );
    fc.assert(
      fc.property(input, (q) => {
        expect(parseVietQr(buildVietQr(q))).toEqual({ service: 'QRIBFTTA', ...q, dynamic: q.amount !== undefined });
      }),
      { numRuns: 300 },
    );
  });

  it('fails the CRC check when any one character is changed', () => {
    for (let i = 0; i < VECTOR.length - 8; i++) {
      const c = VECTOR[i] === '1' ? '2' : '1';
      const changed = VECTOR.slice(0, i) + c + VECTOR.slice(i + 1);
      expect(() => parseVietQr(changed), `position ${i}`).toThrow(/^Sai mã kiểm tra CRC/);
    }
    const amountChanged = VECTOR.replace('540550000', '540590000');
    expect(() => parseVietQr(amountChanged)).toThrow(/CRC: ghi 8B50, tính được [0-9A-F]{4}/);
  });

  it('fails when the CRC itself is changed, and accepts it in lower case', () => {
    expect(() => parseVietQr(`${VECTOR.slice(0, -4)}8B51`)).toThrow(/CRC/);
    expect(parseVietQr(`${VECTOR.slice(0, -4)}8b50`).amount).toBe(50_000);
  });

  it('refuses a payload without the CRC field at its end', () => {
    expect(() => parseVietQr('')).toThrow(/6304/);
    expect(() => parseVietQr(VECTOR.slice(0, -8))).toThrow(/6304/);
  });

  /** A payload with a correct CRC built from raw fields, to test the checks behind the CRC. */
  const signed = (fields: string) => `${fields}6304${crc16CcittFalse(`${fields}6304`)}`;
  const merchant = tlv('38', tlv('00', 'A000000727') + tlv('01', tlv('00', '970436') + tlv('01', '0011001234567')) + tlv('02', 'QRIBFTTA'));

  it('passes over fields it does not know, such as 52 (MCC)', () => {
    const q = parseVietQr(signed(`000201010211${merchant}5204599953037045802VN`));
    expect(q).toEqual({ bin: '970436', account: '0011001234567', service: 'QRIBFTTA', dynamic: false });
  });

  it.each([
    ['format indicator 02', `000202010212${merchant}53037045802VN`, /trường 00 phải là "01"/],
    ['initiation 13', `000201010213${merchant}53037045802VN`, /11 \(tĩnh\) hoặc 12/],
    ['currency 840', `000201010212${merchant}53038405802VN`, /trường 53 phải là "704"/],
    ['country LA', `000201010212${merchant}53037045802LA`, /trường 58 phải là "VN"/],
    ['no field 38', '00020101021253037045802VN', /thiếu trường 38/],
    ['another GUID', `000201010212${merchant.replace('A000000727', 'A000000728')}53037045802VN`, /GUID|A000000727/],
    ['a decimal amount', `000201010212${merchant}5303704540850000.005802VN`, /trường 54/],
    ['a bad BIN', `000201010212${merchant.replace('0006970436', '000697043X')}53037045802VN`, /BIN/],
    ['a truncated field', `000201010212${merchant}53037045810VN`, /cụt/],
    ['a repeated field', `000201010212${merchant}530370453037045802VN`, /lặp lại/],
    ['a non-ASCII note', `000201010212${merchant}53037045802VN${tlv('62', tlv('08', 'phí'))}`, /ASCII/],
  ])('refuses %s (with a correct CRC)', (_, fields, message) => {
    expect(() => parseVietQr(signed(fields))).toThrow(VietQrError);
    expect(() => parseVietQr(signed(fields))).toThrow(message);
  });
});
