import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { OfficialDocument } from '../../src/documents/official/model.js';
import { officialDocumentSchema } from '../../src/documents/official/model.js';
import { renderOfficialPdf } from '../../src/documents/official/render.js';
import * as fx from './official-fixtures.js';
import { inspectPdf, squash } from './pdf-text.js';

const run = promisify(execFile);
const A4 = /^595\.2\d x 841\.8\d pts/;

interface Word {
  page: number;
  text: string;
  yMin: number;
  yMax: number;
}

/** Words with their boxes (pdftotext -bbox; top-left origin, points). */
async function words(pdf: Buffer): Promise<{ words: Word[]; pageHeight: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'xaso-official-'));
  try {
    const file = join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-bbox', file, '-']);
    const out: Word[] = [];
    let page = -1;
    let pageHeight = 0;
    for (const line of stdout.split('\n')) {
      const p = /<page width="([\d.]+)" height="([\d.]+)"/.exec(line);
      if (p) {
        page++;
        pageHeight = Number(p[2]);
        continue;
      }
      const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
      if (w) out.push({ page, text: w[5] ?? '', yMin: Number(w[2]), yMax: Number(w[4]) });
    }
    return { words: out, pageHeight };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function toNfd<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFD') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => toNfd(v)) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNfd(v)])) as T;
}

/** Text of page n (1-based) from a form-feed separated pdftotext output. */
function page(text: string, n: number): string {
  return text.split('\f')[n - 1] ?? '';
}

/** The rendered document's text (spaces squashed), page count and page size. */
async function rendered(doc: OfficialDocument): Promise<{ t: string; pages: number; pageSize: string }> {
  const { pdf } = await renderOfficialPdf(doc);
  const { text, pages, pageSize } = await inspectPdf(pdf);
  return { t: squash(text), pages, pageSize };
}

function expectAllIn(t: string, expected: readonly string[]): void {
  for (const s of expected) expect(t).toContain(s);
}

const COMMON = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Tứ Mỹ, ngày 05 tháng 01 năm 2027',
  'TM. ỦY BAN NHÂN DÂN',
];

describe('official documents (Decree 30/2020)', () => {
  it('renders a decision with header, number, title, articles, signature and recipients', async () => {
    const { t, pages, pageSize } = await rendered(fx.decision());
    expect(pageSize).toMatch(A4);
    expect(pages).toBe(1);
    expectAllIn(t, [
      ...COMMON,
      'Số: 15/QĐ-UBND',
      'QUYẾT ĐỊNH',
      'Về việc công nhận tổ hợp tác sản xuất rau an toàn thôn Đông',
      'Điều 1. Công nhận',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Thị Hoa',
      'Nơi nhận:',
      '- Như Điều 3;',
      '- Lưu: VT, VP.',
      'Quét để kiểm tra chữ ký',
    ]);
  });

  it('renders the marital status confirmation', async () => {
    const { t, pageSize } = await rendered(fx.marital());
    expect(pageSize).toMatch(A4);
    expectAllIn(t, [
      ...COMMON,
      'ỦY BAN NHÂN DÂN',
      'TỈNH HÀ TĨNH',
      'Số: 15/UBND-XNTTHN',
      'GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN',
      'Ủy ban nhân dân xã Tứ Mỹ xác nhận:',
      'Họ, chữ đệm, tên: Nguyễn Văn An',
      'Ngày, tháng, năm sinh: 08/03/1995',
      '042095001234',
      'Nơi cư trú: Thôn Đông, xã Tứ Mỹ, tỉnh Hà Tĩnh',
      'Tình trạng hôn nhân: Hiện tại chưa đăng ký kết hôn với ai.',
      'có giá trị 6 tháng kể từ ngày cấp',
      '- Lưu: VT.',
    ]);
  });

  it('renders the certified copy certificate (Decree 23/2015)', async () => {
    const { t } = await rendered(fx.certifiedCopy());
    expectAllIn(t, [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Chứng thực bản sao này đúng với bản chính.',
      'Số chứng thực: 125, Quyển số: 01/2027-SCT/BS.',
      'Ngày 05 tháng 01 năm 2027',
      'Tứ Mỹ, ngày 05 tháng 01 năm 2027',
    ]);
    expect(t).not.toContain('Số:');
    expect(t).not.toContain('Nơi nhận:');
  });

  it('renders an official letter with V/v, Kính gửi and recipients', async () => {
    const { t, pages } = await rendered(fx.letter());
    expect(pages).toBe(1);
    expectAllIn(t, [
      ...COMMON,
      'Số: 05/UBND-VP',
      'V/v đề nghị cung cấp thông tin',
      'Kính gửi: Phòng Tư pháp - Hộ tịch, Sở Tư pháp tỉnh Hà Tĩnh.',
      '- Như trên;',
      '- Lưu: VT.',
    ]);
    expect(t).not.toContain('Quét để kiểm tra chữ ký');
  });

  it('numbers pages from 2 at the top of a 3-page letter and keeps the signature after the body', async () => {
    const { pdf, signatureRect } = await renderOfficialPdf(fx.letter(14));
    const { text, pages } = await inspectPdf(pdf);
    expect(pages).toBe(3);
    const firstLine = (n: number): string => page(text, n).split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
    expect(firstLine(1)).toContain('ỦY BAN NHÂN DÂN');
    expect(firstLine(2)).toBe('2');
    expect(firstLine(3)).toBe('3');
    expect(page(text, 1)).not.toMatch(/^\s*1\s*$/m);

    expect(signatureRect.page).toBe(2);
    const { words: ws, pageHeight } = await words(pdf);
    expect(pageHeight).toBeCloseTo(841.89, 1);
    const last = ws.filter((w) => w.text === 'trọng./.');
    expect(last).toHaveLength(1);
    expect(last[0]?.page).toBe(2);
    // inside the page
    expect(signatureRect.x).toBeGreaterThan(0);
    expect(signatureRect.y).toBeGreaterThan(0);
    expect(signatureRect.x + signatureRect.width).toBeLessThan(595.28);
    expect(signatureRect.y + signatureRect.height).toBeLessThan(pageHeight);
    // ~60 × 35 mm
    expect(signatureRect.width).toBeCloseTo((60 * 72) / 25.4, 1);
    expect(signatureRect.height).toBeCloseTo((35 * 72) / 25.4, 1);
    // below the last body line (rect top in top-left coordinates is under the word's bottom)
    const rectTop = pageHeight - signatureRect.y - signatureRect.height;
    expect(rectTop).toBeGreaterThan(last[0]?.yMax ?? Infinity);
    // and above the signer's name
    const name = ws.find((w) => w.page === 2 && w.text === 'Bình');
    expect(name?.yMin ?? 0).toBeGreaterThanOrEqual(rectTop + signatureRect.height - 1);
  });

  it('keeps the last paragraph with the signature block', async () => {
    for (let n = 4; n <= 14; n++) {
      const { pdf, signatureRect } = await renderOfficialPdf(fx.letter(n));
      const { words: ws } = await words(pdf);
      const last = ws.find((w) => w.text === 'trọng./.');
      expect(last?.page, `letter with ${n} paragraphs`).toBe(signatureRect.page);
      // no page is left without body text except through the closing block
      const lastPageWords = ws.filter((w) => w.page === signatureRect.page && w.text !== String(signatureRect.page + 1));
      expect(lastPageWords.length).toBeGreaterThan(10);
    }
  });

  it('renders NFD input exactly like NFC input', async () => {
    const nfcDoc = fx.marital();
    const nfdDoc = toNfd(nfcDoc);
    expect(JSON.stringify(nfdDoc)).not.toBe(JSON.stringify(nfcDoc));
    const [a, b] = await Promise.all([renderOfficialPdf(nfcDoc), renderOfficialPdf(nfdDoc)]);
    const [ta, tb] = await Promise.all([inspectPdf(a.pdf), inspectPdf(b.pdf)]);
    expect(tb.text).toBe(ta.text);
    expect(tb.text).toContain('Tình trạng hôn nhân');
    expect(b.pdf.equals(a.pdf)).toBe(true);
  });

  it('is deterministic', async () => {
    const [a, b] = await Promise.all([renderOfficialPdf(fx.decision()), renderOfficialPdf(fx.decision())]);
    expect(b.pdf.equals(a.pdf)).toBe(true);
    expect(b.signatureRect).toEqual(a.signatureRect);
  });

  it('prints a draft number with blanks', async () => {
    const { pdf } = await renderOfficialPdf(fx.marital(null));
    const { text } = await inspectPdf(pdf);
    expect(text).toMatch(/Số: {3,}\/UBND-XNTTHN/);
    expect(text).not.toContain('Số: 15');
  });

  it('prints a draft date with blanks and a single-digit number with a leading zero', async () => {
    const doc: OfficialDocument = { ...fx.decision(), number: '7', date: null };
    const { pdf } = await renderOfficialPdf(doc);
    const { text } = await inspectPdf(pdf);
    expect(squash(text)).toContain('Số: 07/QĐ-UBND');
    expect(text).toMatch(/Tứ Mỹ, ngày {3,}tháng {3,}năm/);
  });

  it('validates the model', () => {
    expect(() => officialDocumentSchema.parse({ ...fx.decision(), number: '15a' })).toThrow();
    expect(officialDocumentSchema.parse(fx.letter()).kind).toBe('officialLetter');
  });
});
