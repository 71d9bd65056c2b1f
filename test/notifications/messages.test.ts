import { describe, expect, it } from 'vitest';
import { noticeFacts, type Notice, type NoticeFacts } from '../../src/notifications/notice.js';
import { emailContent } from '../../src/notifications/email-content.js';
import { emailHtml, emailText } from '../../src/notifications/email-render.js';
import { smsText } from '../../src/notifications/sms-content.js';
import { isGsmText, shorten, smsParts, SMS_TWO_PARTS, toGsmText } from '../../src/notifications/sms-text.js';
import { maskRecipient } from '../../src/notifications/mask.js';
import { addressKey, readUnsubscribeToken, unsubscribeToken } from '../../src/notifications/unsubscribe-token.js';
import { parseRetryMinutes, retryDelayMs } from '../../src/notifications/delivery.js';
import { NOTIFICATION_KINDS } from '../../src/notifications/model.js';

const DUE = new Date('2026-03-12T09:30:00Z'); // 16 giờ 30, 12/03/2026 in Vietnam
const NEW_DUE = new Date('2026-03-20T09:30:00Z');

const factsOf = (kind: NoticeFacts['kind'], long = false): NoticeFacts => {
  const reason = long ? 'Giấy tờ nộp kèm bị mờ, không đọc được số định danh và ngày cấp; '.repeat(40) : 'Thiếu giấy tờ chứng minh.';
  switch (kind) {
    case 'received': return { kind, dueAt: DUE };
    case 'supplementRequested': return { kind, missingItems: long ? Array.from({ length: 50 }, (_, i) => `Bản sao có chứng thực giấy tờ số ${i + 1} theo quy định của pháp luật hiện hành`) : ['Bản sao giấy chứng nhận ly hôn', 'Tờ khai có xác nhận'], reason };
    case 'resultReady': return { kind };
    case 'apology': return { kind, reason, previousDueAt: DUE, newDueAt: NEW_DUE };
    case 'returned': return { kind, method: 'post', at: NEW_DUE };
    case 'refused': return { kind, reason, atIntake: false };
    case 'stopped': return { kind, reason };
  }
};

const notice = (kind: NoticeFacts['kind'], worst = false): Notice => ({
  facts: factsOf(kind, worst),
  applicantName: worst ? 'Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Ngọc Bích Trâm' : 'Nguyễn Văn An',
  // the catalogue's longest procedure names run past a thousand characters
  procedureName: worst ? 'Thủ tục đăng ký lại khai sinh, kết hôn, khai tử có yếu tố nước ngoài tại Ủy ban nhân dân cấp xã ở khu vực biên giới, '.repeat(12) : 'Đăng ký khai sinh',
  code: worst ? '000.00.04.H40.99999-260312-000123456' : 'H42.18202-260309-0001',
  unitName: worst ? 'Phường Nam Hồng Lĩnh Đông Bắc' : 'Xã Tứ Mỹ',
  lookupUrl: worst ? 'https://dichvucong.phuongnamhonglinh.hatinh.gov.vn/tra-cuu?ma=000.00.04.H40.99999-260312-000123456' : 'https://tumy.hatinh.gov.vn/tra-cuu?ma=H42.18202-260309-0001',
  ownPageUrl: null,
});

describe('which events tell the applicant', () => {
  const at = new Date('2026-03-09T02:00:00Z');
  it.each([
    ['receive', 'received'], ['requestSupplement', 'supplementRequested'], ['approve', 'resultReady'], ['apologize', 'apology'], ['returnResult', 'returned'],
    ['refuse', 'refused'], ['refuseIntake', 'refused'], ['stop', 'stopped'],
  ])('%s → %s', (action, kind) => {
    expect(noticeFacts({ dueAt: DUE }, { action, at, dueAt: DUE, payload: {} })?.kind).toBe(kind);
  });
  it.each(['submit', 'assign', 'submitForApproval', 'recordVerification', 'supplement', 'rate'])('%s → nothing', (action) => {
    expect(noticeFacts({ dueAt: DUE }, { action, at, dueAt: DUE, payload: {} })).toBeNull();
  });
  it('takes the missing items and the new date as the action recorded them', () => {
    expect(noticeFacts({ dueAt: null }, { action: 'requestSupplement', at, dueAt: null, payload: { missingItems: ['A', 'B'], reason: 'R' } }))
      .toEqual({ kind: 'supplementRequested', missingItems: ['A', 'B'], reason: 'R' });
    expect(noticeFacts({ dueAt: NEW_DUE }, { action: 'apologize', at, dueAt: NEW_DUE, payload: { reason: 'R', previousDueAt: DUE.toISOString(), newDueAt: NEW_DUE.toISOString() } }))
      .toEqual({ kind: 'apology', reason: 'R', previousDueAt: DUE, newDueAt: NEW_DUE });
  });
});

describe('e-mail texts', () => {
  it('says in Vietnamese what happened, the due date and where to look the dossier up', () => {
    const text = emailText(emailContent(notice('received')), 'https://tumy.hatinh.gov.vn/thong-bao/ngung-nhan/x');
    expect(text).toBe(text.normalize('NFC'));
    for (const line of [
      'Kính gửi Ông/Bà Nguyễn Văn An,', 'Bộ phận Một cửa Ủy ban nhân dân xã Tứ Mỹ đã tiếp nhận hồ sơ của Ông/Bà.', 'Mã hồ sơ: H42.18202-260309-0001',
      'Ngày hẹn trả kết quả: 16 giờ 30, 12/03/2026', 'https://tumy.hatinh.gov.vn/tra-cuu?ma=H42.18202-260309-0001',
      'Ngừng nhận tại:\nhttps://tumy.hatinh.gov.vn/thong-bao/ngung-nhan/x',
    ]) expect(text).toContain(line);
  });

  it('lists every missing item, and an apology gives the new date', () => {
    const supp = emailText(emailContent(notice('supplementRequested')), null);
    expect(supp).toContain('1. Bản sao giấy chứng nhận ly hôn\n2. Tờ khai có xác nhận');
    expect(supp).toContain('Lý do: Thiếu giấy tờ chứng minh.');
    const apology = emailContent(notice('apology'));
    expect(apology.subject).toBe('Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ H42.18202-260309-0001');
    expect(emailText(apology, null)).toContain('Ngày hẹn trả kết quả mới: 16 giờ 30, 20/03/2026');
  });

  it('a refusal and a stop give the reason; a refusal at intake says the dossier can be handed in again', () => {
    const refused = emailContent(notice('refused'));
    expect(refused.subject).toBe('Hồ sơ H42.18202-260309-0001 không được giải quyết');
    expect(emailText(refused, null)).toContain('Lý do: Thiếu giấy tờ chứng minh.');
    expect(emailText(refused, null)).toContain('Ông/Bà có quyền khiếu nại theo quy định của pháp luật.');
    const atIntake = emailContent({ ...notice('refused'), facts: { kind: 'refused', reason: 'Sai thủ tục.', atIntake: true } });
    expect(atIntake.subject).toBe('Hồ sơ H42.18202-260309-0001 không được tiếp nhận');
    expect(emailText(atIntake, null)).toContain('hoàn thiện hồ sơ theo lý do nêu trên rồi nộp lại');
    expect(smsText({ ...notice('refused'), facts: { kind: 'refused', reason: 'Sai thủ tục.', atIntake: true } }))
      .toBe('UBND xa Tu My: Ho so H42.18202-260309-0001 (Dang ky khai sinh) khong duoc tiep nhan. Ly do: Sai thu tuc. Lien he Bo phan Mot cua. Tra cuu: https://tumy.hatinh.gov.vn/tra-cuu?ma=H42.18202-260309-0001');
    const stopped = emailContent(notice('stopped'));
    expect(stopped.subject).toBe('Hồ sơ H42.18202-260309-0001 đã dừng giải quyết');
    expect(emailText(stopped, null)).toContain('việc giải quyết hồ sơ của Ông/Bà đã dừng.');
  });

  it('writes the HTML part with the same content, escaped', () => {
    const n = { ...notice('supplementRequested'), facts: { kind: 'supplementRequested' as const, missingItems: ['<script>alert(1)</script>'], reason: 'a & b' } };
    const html = emailHtml(emailContent(n), 'https://x.vn/thong-bao/ngung-nhan/t');
    expect(html).toMatch(/^<!doctype html><html lang="vi">/);
    expect(html).toContain('<li>&lt;script>alert(1)&lt;/script></li>'); // kitajs escapes & and <, which is enough
    expect(html).toContain('Lý do: a &amp; b');
    expect(html).toContain('<a href="https://x.vn/thong-bao/ngung-nhan/t">Ngừng nhận thông báo qua e-mail</a>');
  });
});

describe('SMS texts', () => {
  it('folds Vietnamese to the GSM alphabet (đ → d) and replaces what it lacks', () => {
    expect(toGsmText('Đăng ký khai sinh – Ủy ban nhân dân xã Tứ Mỹ')).toBe('Dang ky khai sinh - Uy ban nhan dan xa Tu My');
    expect(toGsmText('Ứng dụng “VNeID” […] {x} €5 ~ 😀')).toBe('Ung dung "VNeID" (...) (x) EUR5 - ?');
    expect(isGsmText(toGsmText('ưỡng ổ ậ ặ ẫ ờ ự Ỳ ỵ đĐ'))).toBe(true);
  });

  it('shortens at a word with "..."', () => {
    expect(shorten('Đăng ký khai sinh cho trẻ em', 15)).toBe('Dăng ký...'.replace('D', 'Đ'));
    expect(shorten('abc', 10)).toBe('abc');
  });

  for (const kind of NOTIFICATION_KINDS) {
    it(`${kind}: within two parts with the worst values, code and lookup address whole`, () => {
      const n = notice(kind, true);
      const text = smsText(n);
      expect(isGsmText(text)).toBe(true);
      expect(text.length).toBeLessThanOrEqual(SMS_TWO_PARTS);
      expect(smsParts(text)).toBeLessThanOrEqual(2);
      expect(text).toContain(n.code);
      expect(text).toContain(n.lookupUrl);
      expect(text).toMatch(/^UBND phuong Nam Hong Linh Dong Bac/);
    });
    it(`${kind}: a usual message says it all without shortening`, () => {
      const text = smsText(notice(kind));
      expect(text).not.toContain('...');
      expect(smsParts(text)).toBeLessThanOrEqual(2);
    });
  }

  it('reads like the e-mail, without diacritics', () => {
    expect(smsText(notice('received'))).toBe('UBND xa Tu My: Da tiep nhan ho so H42.18202-260309-0001 (Dang ky khai sinh). Hen tra ket qua: 16h30 12/03/2026. Tra cuu: https://tumy.hatinh.gov.vn/tra-cuu?ma=H42.18202-260309-0001');
    expect(smsText(notice('supplementRequested'))).toContain('can bo sung: Ban sao giay chung nhan ly hon; To khai co xac nhan. Ly do: Thieu giay to chung minh. Nop bo sung');
    const worst = smsText(notice('supplementRequested', true));
    expect(worst).toContain('can bo sung: Ban sao co chung thuc giay to so 1'); // the items keep their room; the reason gives way first
  });
});

describe('privacy and links', () => {
  it('masks recipients', () => {
    expect(maskRecipient('nguyenvanan@gmail.com')).toBe('n***@gmail.com');
    expect(maskRecipient('0912345678')).toBe('0912***678');
  });

  it('signs unsubscribe tokens that name no address and refuses altered ones', () => {
    const key = addressKey('secret', 'email', ' An@Example.VN ');
    expect(key).toBe(addressKey('secret', 'email', 'an@example.vn'));
    const token = unsubscribeToken('secret', { kind: 'address', addressKey: key });
    expect(token).not.toContain('example');
    expect(readUnsubscribeToken('secret', token)).toEqual({ kind: 'address', addressKey: key });
    expect(readUnsubscribeToken('other', token)).toBeNull();
    const user = unsubscribeToken('secret', { kind: 'user', userId: 42 });
    expect(readUnsubscribeToken('secret', user)).toEqual({ kind: 'user', userId: 42 });
    expect(readUnsubscribeToken('secret', user.replace('u42', 'u43'))).toBeNull();
    expect(readUnsubscribeToken('secret', 'garbage')).toBeNull();
  });

  it('waits 1, 5, 25, 125 minutes between attempts by default, the last repeating', () => {
    const minutes = parseRetryMinutes('1, 5,25,125');
    expect([1, 2, 3, 4, 5, 9].map((a) => retryDelayMs(minutes, a) / 60_000)).toEqual([1, 5, 25, 125, 125, 125]);
  });
});
