import { describe, expect, it } from 'vitest';
import {
  ApologyHtml,
  ControlSheetHtml,
  FORMS_CSS,
  ReceiptHtml,
  RefusalHtml,
  RegisterHtml,
  SupplementHtml,
  renderApologyPdf,
  renderControlSheetPdf,
  renderReceiptPdf,
  renderRefusalPdf,
  renderRegisterPdf,
  renderSupplementPdf,
  type ReceiptForm,
} from '../../src/documents/forms/index.js';
import {
  formatMoneyVn,
  formatPlaceDate,
  formatVnDate,
  formatVnDateTime,
  formatVnIso,
  formatWorkingDuration,
  resultLabel,
} from '../../src/documents/text.js';
import * as fx from './fixtures.js';
import { inspectPdf, squash } from './pdf-text.js';

const A5 = /^419\.5\d x 595\.2\d pts/;
const A4_LANDSCAPE = /^841\.8\d x 595\.2\d pts/;

function nfd<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFD') as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => nfd(v)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfd(v)])) as T;
}

describe('Vietnamese text formatting (fixed UTC+7)', () => {
  it('formats date, time and the Decree 30 place/date line in Vietnam time', () => {
    const d = new Date('2027-01-05T07:30:00Z'); // 14:30 in Vietnam
    expect(formatVnDateTime(d)).toBe('14 giờ 30 phút, ngày 05/01/2027');
    expect(formatPlaceDate('Tứ Mỹ', d)).toBe('Tứ Mỹ, ngày 05 tháng 01 năm 2027');
    expect(formatVnIso(d)).toBe('2027-01-05T14:30:00+07:00');
    // 18:00 UTC on 31/12 is already the next day in Vietnam
    expect(formatVnDate(new Date('2026-12-31T18:00:00Z'))).toBe('01/01/2027');
  });

  it('formats money with dot grouping and working time with 450-minute days', () => {
    expect(formatMoneyVn(1_250_000)).toBe('1.250.000 đồng');
    expect(formatMoneyVn(10_000)).toBe('10.000 đồng');
    expect(formatMoneyVn(0)).toBe('0 đồng');
    expect(formatWorkingDuration(2 * 450 + 180)).toBe('2 ngày 3 giờ');
    expect(formatWorkingDuration(45)).toBe('45 phút');
    expect(formatWorkingDuration(90)).toBe('1 giờ 30 phút');
    expect(formatWorkingDuration(0)).toBe('0 phút');
    expect(resultLabel('early')).toBe('Trước hạn');
    expect(resultLabel('onTime')).toBe('Đúng hạn');
    expect(resultLabel('late')).toBe('Quá hạn');
    expect(resultLabel(null)).toBe('');
  });
});

describe('PDF forms', () => {
  it('renders the receipt (Mẫu 01) on one A5 page with the required content', async () => {
    const { text, pages, pageSize } = await inspectPdf(await renderReceiptPdf(fx.receipt()));
    expect(pageSize).toMatch(A5);
    expect(pages).toBe(1);
    const t = squash(text);
    for (const expected of [
      'ỦY BAN NHÂN DÂN XÃ TỨ MỸ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 07/GTN-TTPVHCC',
      'Tứ Mỹ, ngày 13 tháng 02 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${fx.DOSSIER_CODE}`,
      'Tiếp nhận hồ sơ của: Nguyễn Thị Hoà',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh',
      '1. Thành phần hồ sơ nộp gồm:',
      'Giấy chứng sinh do cơ sở y tế cấp',
      'Bản chụp',
      '2. Số lượng hồ sơ: 01 (bộ)',
      '4. Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 13/02/2026',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 25/02/2026',
      '6. Đăng ký nhận kết quả tại:',
      '7. Phí, lệ phí: 26.000 đồng, đã nộp (tiền mặt)',
      '10.000 đồng',
      'Vào Sổ theo dõi hồ sơ, Quyển số: 01, Số thứ tự: 125',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      '(Ký và ghi rõ họ tên)',
      'Trần Văn Bình',
      `Tra cứu hồ sơ: ${fx.LOOKUP_URL}`,
    ]) {
      expect(t).toContain(expected);
    }
    // the dossier code is printed twice: in the body and under the QR code
    expect(t.split(fx.DOSSIER_CODE).length - 1).toBeGreaterThanOrEqual(2);
    expect(t).not.toContain('�');
  });

  it('shows an unpaid or absent fee plainly', async () => {
    const unpaid = squash(
      (await inspectPdf(await renderReceiptPdf(fx.receipt({ fee: { lines: [{ name: 'Lệ phí', amount: 1_250_000 }], total: 1_250_000, paid: false, method: null } })))).text,
    );
    expect(unpaid).toContain('1.250.000 đồng, chưa nộp');
    const none = squash((await inspectPdf(await renderReceiptPdf(fx.receipt({ fee: { lines: [], total: 0, paid: false, method: null } })))).text);
    expect(none).toContain('7. Phí, lệ phí: Không thu.');
  });

  it('breaks a long document list onto further pages without losing rows', async () => {
    const documents = Array.from({ length: 45 }, (_, i) => ({ name: `Giấy tờ kèm theo số ${i + 1}`, form: 'Bản sao', count: 1 }));
    const { text, pages } = await inspectPdf(await renderReceiptPdf(fx.receipt({ documents })));
    expect(pages).toBeGreaterThanOrEqual(2);
    const t = squash(text);
    for (let i = 1; i <= 45; i++) expect(t).toMatch(new RegExp(`Giấy tờ kèm theo số ${i}\\b`));
    // header row repeated on the continuation page, signatures still present
    expect(t.split('Tên giấy tờ').length - 1).toBeGreaterThanOrEqual(2);
    expect(t).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
  });

  it('renders NFD input exactly like NFC input', async () => {
    const nfcForm = fx.receipt();
    const nfdForm: ReceiptForm = nfd(nfcForm);
    expect(nfdForm.applicant.fullName).not.toBe(nfcForm.applicant.fullName);
    const [a, b] = await Promise.all([renderReceiptPdf(nfcForm), renderReceiptPdf(nfdForm)]);
    const [ta, tb] = await Promise.all([inspectPdf(a), inspectPdf(b)]);
    expect(tb.text).toBe(ta.text);
    expect(tb.text).toContain('Nguyễn Thị Hoà');
  });

  it('is deterministic for the same data', async () => {
    const [a, b] = await Promise.all([renderReceiptPdf(fx.receipt()), renderReceiptPdf(fx.receipt())]);
    expect(a.equals(b)).toBe(true);
  });

  it('renders the supplement request (Mẫu 02)', async () => {
    const { text, pages, pageSize } = await inspectPdf(await renderSupplementPdf(fx.supplement()));
    expect(pageSize).toMatch(A5);
    expect(pages).toBe(1);
    const t = squash(text);
    for (const expected of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      fx.DOSSIER_CODE,
      'Nguyễn Thị Hoà',
      'Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:',
      '1. Giấy chứng sinh (bản chính) do cơ sở y tế cấp',
      '2. Văn bản ủy quyền',
      'Lý do: Hồ sơ chưa có giấy chứng sinh',
      '0255 3845 123',
      'NGƯỜI HƯỚNG DẪN',
    ]) {
      expect(t).toContain(expected);
    }
  });

  it('renders the refusal (Mẫu 03) at intake and after appraisal', async () => {
    const intake = squash((await inspectPdf(await renderRefusalPdf(fx.refusal()))).text);
    expect(intake).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(intake).toContain('không tiếp nhận, giải quyết hồ sơ này');
    expect(intake).toContain('Xin thông báo cho Ông/Bà được biết và thực hiện./.');
    expect(intake).toContain(fx.DOSSIER_CODE);
    expect(intake).toContain('Nguyễn Thị Hoà');
    const later = await inspectPdf(await renderRefusalPdf(fx.refusal({ intake: false })));
    expect(later.pageSize).toMatch(A5);
    expect(squash(later.text)).toContain('PHIẾU TỪ CHỐI GIẢI QUYẾT HỒ SƠ');
    expect(squash(later.text)).toContain('không giải quyết hồ sơ này');
  });

  it('renders the apology with the original and the new return times (Mẫu 04)', async () => {
    const { text, pages, pageSize } = await inspectPdf(await renderApologyPdf(fx.apology()));
    expect(pageSize).toMatch(A5);
    expect(pages).toBe(1);
    const t = squash(text);
    for (const expected of [
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Tứ Mỹ, ngày 24 tháng 02 năm 2026',
      'Kính gửi: Ông/Bà Nguyễn Thị Hoà',
      fx.DOSSIER_CODE,
      '17 giờ 00 phút, ngày 25/02/2026',
      'Lý do: Cần xác minh thông tin hộ tịch',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Lê Minh Quang',
    ]) {
      expect(t).toContain(expected);
    }
    expect(t.replace(/\s+/g, ' ')).toContain('16 giờ 30 phút, ngày 02/03/2026');
  });

  it('renders the control sheet with hand-overs, working time and results', async () => {
    const { text, pageSize } = await inspectPdf(await renderControlSheetPdf(fx.controlSheet()));
    expect(pageSize).toMatch(A5);
    const t = squash(text);
    for (const expected of [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      fx.DOSSIER_CODE,
      'Kèm theo hồ sơ của: Nguyễn Thị Hoà',
      'TÊN CƠ QUAN',
      'THỜI GIAN GIAO, NHẬN',
      'KẾT QUẢ',
      'GHI CHÚ',
      'Phòng Văn hóa',
      'Thẩm định hồ sơ',
      'Được giao: 4 giờ',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Đã dùng: 3 ngày',
      'Đã dùng: 45',
    ]) {
      expect(t).toContain(expected);
    }
    expect(t).toMatch(/Giao: 14 giờ 00 phút, ngày/);
  });

  it('renders the register on A4 landscape across pages with every row', async () => {
    const form = fx.register(40);
    const { text, pages, pageSize } = await inspectPdf(await renderRegisterPdf(form));
    expect(pageSize).toMatch(A4_LANDSCAPE);
    expect(pages).toBeGreaterThanOrEqual(2);
    const t = squash(text);
    expect(t).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(t).toContain('Năm 2026 – Quyển số: 01');
    expect(t).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ TỨ MỸ');
    for (const row of form.rows) expect(t).toContain(row.dossierCode);
    expect(t.split('Mã hồ sơ').length - 1).toBe(pages);
    expect(t).toContain('Nguyễn Thị Hoà');
  });
});

describe('HTML print views', () => {
  const views: Array<[string, () => string]> = [
    ['receipt', () => ReceiptHtml(fx.receipt())],
    ['supplement', () => SupplementHtml(fx.supplement())],
    ['refusal', () => RefusalHtml(fx.refusal())],
    ['apology', () => ApologyHtml(fx.apology())],
    ['control sheet', () => ControlSheetHtml(fx.controlSheet())],
  ];

  it.each(views)('%s is a complete document with the QR code, dossier code and applicant', (_name, render) => {
    const html = render();
    expect(html.startsWith('<!doctype html><html lang="vi">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8"');
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toContain('<link rel="stylesheet" href="/static/forms.css"');
    expect(html).not.toMatch(/<style|style=/);
    expect(html).toMatch(/<svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect(html).toContain('role="img"');
    expect(html).toContain(fx.DOSSIER_CODE);
    expect(html).toContain('Nguyễn Thị Hoà');
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('<h1>');
  });

  it('shows the same receipt content as the PDF', () => {
    const html = ReceiptHtml(fx.receipt());
    expect(html).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(html).toContain('17 giờ 00 phút, ngày 25/02/2026');
    expect(html).toContain('<caption>1. Thành phần hồ sơ nộp gồm:</caption>');
    expect(html).toContain('<th scope="col">Tên giấy tờ</th>');
    expect(html).toContain('26.000 đồng');
    expect(html).toContain('Tứ Mỹ, ngày 13 tháng 02 năm 2026');
  });

  it('escapes applicant-supplied text', () => {
    const evil = '<script>alert(1)</script>';
    const applicant = { ...fx.applicant, fullName: evil, address: `"><img src=x onerror=alert(1)>` };
    const pages = [
      ReceiptHtml(fx.receipt({ applicant, documents: [{ name: evil, form: 'Bản chính', count: 1 }] })),
      SupplementHtml(fx.supplement({ applicant, missingItems: [evil] })),
      RefusalHtml(fx.refusal({ applicant, reason: evil })),
      ApologyHtml(fx.apology({ applicant, reason: evil })),
      ControlSheetHtml(fx.controlSheet({ applicant, dossierCode: evil })),
      RegisterHtml({ ...fx.register(1), unitName: evil }),
    ];
    for (const html of pages) {
      expect(html.toLowerCase()).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html.toLowerCase()).toContain('&lt;script>');
    }
  });

  it('renders the register as an A4 landscape page with a caption and every row', () => {
    const form = fx.register(5);
    const html = RegisterHtml(form);
    expect(html).toContain('class="form form-register"');
    expect(html).toMatch(/<caption class="visually-hidden">Sổ theo dõi hồ sơ năm 2026/);
    for (const row of form.rows) expect(html).toContain(row.dossierCode);
    expect(html.match(/<tr>/g)?.length).toBe(6);
    expect(FORMS_CSS).toContain('@page { size: A5; margin: 15mm; }');
    expect(FORMS_CSS).toMatch(/@page register \{ size: A4 landscape/);
    expect(FORMS_CSS).toContain('"Times New Roman", "Liberation Serif", Tinos, serif');
  });
});
