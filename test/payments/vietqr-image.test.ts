import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { buildVietQr, VietQrError } from '../../src/payments/vietqr.js';
import { QUIET_ZONE, vietQrSvg, vietQrTitle } from '../../src/payments/vietqr-svg.js';
import { decode, pngOf, rasterise, rasterModules, svgModules } from './qr-image.js';

const VECTOR = '00020101021238570010A00000072701270006970436011300110012345670208QRIBFTTA53037045405500005802VN62180814LE PHI HS 000263048B50';
const PAYLOADS = [
  VECTOR,
  buildVietQr({ bin: '970405', account: '3700205123456' }),
  buildVietQr({
    bin: '970415',
    account: 'A'.repeat(19),
    service: 'QRIBFTTC',
    amount: 9_999_999_999_999,
    purpose: '000.00.04.H40-260105-0002',
    merchantName: 'UBND XA TU MY'.padEnd(25, '.'),
    merchantCity: 'HA TINH',
  }),
];

describe('VietQR image', () => {
  it.each(PAYLOADS.map((p) => [p.length, p]))('the PNG (%d characters) decodes with jsQR to the payload byte for byte', async (_, payload) => {
    const decoded = decode(await pngOf(payload, 4));
    expect(decoded.text).toBe(payload);
    expect(Buffer.from(decoded.bytes).equals(Buffer.from(payload, 'utf8'))).toBe(true);
  });

  it.each(PAYLOADS.map((p) => [p.length, p]))('the SVG (%d characters), rasterised, decodes to the payload and has the PNG\'s matrix', async (_, payload) => {
    const fromSvg = svgModules(vietQrSvg(payload));
    const fromPng = rasterModules(await pngOf(payload, 5), 5);
    expect(fromSvg.length).toBe(fromPng.length);
    expect(fromSvg).toEqual(fromPng);
    expect(fromSvg.length).toBe(QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules.size + 2 * QUIET_ZONE);
    expect(decode(rasterise(fromSvg, 4)).text).toBe(payload);
  });

  it('keeps the quiet zone light on all four sides', () => {
    const grid = svgModules(vietQrSvg(VECTOR));
    const n = grid.length;
    for (let i = 0; i < n; i++) {
      for (let q = 0; q < QUIET_ZONE; q++) {
        expect([grid[q]![i], grid[n - 1 - q]![i], grid[i]![q], grid[i]![n - 1 - q]]).toEqual([false, false, false, false]);
      }
    }
  });

  it('is an image named in Vietnamese for screen readers', () => {
    const svg = vietQrSvg(VECTOR);
    const title = 'Mã VietQR chuyển khoản 50.000 đồng vào tài khoản 0011001234567, nội dung LE PHI HS 0002';
    expect(vietQrTitle(VECTOR)).toBe(title);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain(`<title>${title}</title>`);
    expect(svg).toBe(svg.normalize('NFC'));
    expect(svg).not.toContain('aria-hidden');
  });

  it('names a static code without an amount', () => {
    expect(vietQrTitle(buildVietQr({ bin: '970405', account: '3700205123456' }))).toBe('Mã VietQR chuyển khoản vào tài khoản 3700205123456');
  });

  it('escapes the note in the title', () => {
    const svg = vietQrSvg(buildVietQr({ bin: '970436', account: '1', amount: 1, purpose: 'A&B <i>"x"' }));
    expect(svg).not.toContain('<i>');
    expect(svg).toContain('<title>Mã VietQR chuyển khoản 1 đồng vào tài khoản 1, nội dung A&amp;B &lt;i>&#34;x&#34;</title>');
    expect(svg.replace(/<title>.*<\/title>/, '')).not.toMatch(/A&|<i|"x"/);
  });

  it('refuses a payload that is not a valid VietQR', () => {
    expect(() => vietQrSvg(`${VECTOR.slice(0, -4)}0000`)).toThrow(VietQrError);
    expect(() => vietQrSvg('https://example.org')).toThrow(VietQrError);
  });
});
