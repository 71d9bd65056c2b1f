import type {
  ApologyForm,
  ApplicantBlock,
  ControlSheetForm,
  FormHeader,
  ReceiptForm,
  RefusalForm,
  RegisterForm,
  SupplementForm,
} from '../../src/documents/forms/index.js';

/** Vietnam local time → Date (fixed +07:00). */
export const vn = (local: string): Date => new Date(`${local}+07:00`);

export const header: FormHeader = {
  parentBody: 'ỦY BAN NHÂN DÂN XÃ TỨ MỸ',
  issuingBody: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
  place: 'Tứ Mỹ',
  date: vn('2026-02-13T10:00:00'),
};

export const applicant: ApplicantBlock = {
  fullName: 'Nguyễn Thị Hoà',
  address: 'Thôn Phú Mỹ, xã Tứ Mỹ, tỉnh Quảng Ngãi',
  phone: '0912 345 678',
  email: 'hoa.nguyen@example.vn',
};

export const DOSSIER_CODE = '000.00.31.H55-260213-0007';
export const LOOKUP_URL = 'https://tumy.xaso.vn/tra-cuu?ma=000.00.31.H55-260213-0007';

export function receipt(overrides: Partial<ReceiptForm> = {}): ReceiptForm {
  return {
    header,
    number: '07/GTN-TTPVHCC',
    dossierCode: DOSSIER_CODE,
    lookupUrl: LOOKUP_URL,
    applicant,
    procedureName: 'Đăng ký khai sinh',
    documents: [
      { name: 'Tờ khai đăng ký khai sinh (theo mẫu)', form: 'Bản chính', count: 1 },
      { name: 'Giấy chứng sinh do cơ sở y tế cấp', form: 'Bản chính', count: 1 },
      { name: 'Giấy chứng nhận kết hôn của cha, mẹ', form: 'Bản sao', count: 1 },
      { name: 'Căn cước của người đi đăng ký khai sinh', form: 'Bản chụp', count: 1 },
      { name: 'Văn bản ủy quyền (trường hợp ủy quyền đăng ký khai sinh)', form: 'Bản chính', count: 1 },
    ],
    dossierCount: 1,
    timeLimitText: 'Ngay trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo',
    receivedAt: vn('2026-02-13T10:00:00'),
    dueAt: vn('2026-02-25T17:00:00'),
    returnPlace: 'Bộ phận Một cửa, Trung tâm Phục vụ hành chính công xã Tứ Mỹ',
    fee: {
      lines: [
        { name: 'Lệ phí cấp bản sao trích lục khai sinh (02 bản)', amount: 16000 },
        { name: 'Phí dịch vụ bưu chính trả kết quả', amount: 10000 },
      ],
      total: 26000,
      paid: true,
      method: 'tiền mặt',
    },
    register: { book: '01', seq: 125 },
    receiverName: 'Trần Văn Bình',
    ...overrides,
  };
}

export function supplement(overrides: Partial<SupplementForm> = {}): SupplementForm {
  return {
    header,
    number: '03/PYCBS-TTPVHCC',
    dossierCode: DOSSIER_CODE,
    lookupUrl: LOOKUP_URL,
    applicant,
    procedureName: 'Đăng ký khai sinh',
    missingItems: [
      'Giấy chứng sinh (bản chính) do cơ sở y tế cấp',
      'Văn bản ủy quyền được chứng thực theo quy định',
    ],
    reason: 'Hồ sơ chưa có giấy chứng sinh; người đi đăng ký không phải cha, mẹ của trẻ.',
    officerName: 'Trần Văn Bình',
    officerPhone: '0255 3845 123',
    ...overrides,
  };
}

export function refusal(overrides: Partial<RefusalForm> = {}): RefusalForm {
  return {
    header,
    number: '02/PTC-TTPVHCC',
    dossierCode: DOSSIER_CODE,
    lookupUrl: LOOKUP_URL,
    applicant,
    procedureName: 'Đăng ký khai sinh',
    reason:
      'Việc khai sinh của trẻ đã được đăng ký tại Ủy ban nhân dân xã Hành Thiện ngày 20/01/2026 (khoản 1 Điều 13 Luật Hộ tịch).',
    officerName: 'Trần Văn Bình',
    intake: true,
    ...overrides,
  };
}

export function apology(overrides: Partial<ApologyForm> = {}): ApologyForm {
  return {
    header: { ...header, date: vn('2026-02-24T15:00:00') },
    number: '01/PXL-TTPVHCC',
    dossierCode: DOSSIER_CODE,
    lookupUrl: LOOKUP_URL,
    applicant,
    procedureName: 'Đăng ký khai sinh',
    receivedAt: vn('2026-02-13T10:00:00'),
    originalDueAt: vn('2026-02-25T17:00:00'),
    reason: 'Cần xác minh thông tin hộ tịch với Ủy ban nhân dân xã nơi cư trú trước đây của người mẹ.',
    newDueAt: vn('2026-03-02T16:30:00'),
    signerName: 'Lê Minh Quang',
    signerTitle: 'KT. Giám đốc\nPhó Giám đốc',
    ...overrides,
  };
}

export function controlSheet(overrides: Partial<ControlSheetForm> = {}): ControlSheetForm {
  return {
    header,
    dossierCode: DOSSIER_CODE,
    lookupUrl: LOOKUP_URL,
    applicant,
    procedureName: 'Đăng ký khai sinh',
    receivedAt: vn('2026-02-13T10:00:00'),
    dueAt: vn('2026-02-25T17:00:00'),
    rows: [
      {
        body: 'Bộ phận Một cửa',
        step: 'Tiếp nhận hồ sơ',
        handedAt: vn('2026-02-13T10:00:00'),
        handedBy: 'Nguyễn Thị Hoà',
        receivedBy: 'Trần Văn Bình',
        allottedMinutes: 240,
        usedMinutes: 45,
        result: 'early',
        note: '',
      },
      {
        body: 'Phòng Văn hóa - Xã hội',
        step: 'Thẩm định hồ sơ',
        handedAt: vn('2026-02-13T14:00:00'),
        handedBy: 'Trần Văn Bình',
        receivedBy: 'Phạm Thu Trang',
        allottedMinutes: 1350,
        usedMinutes: 1350,
        result: 'onTime',
        note: 'Xác minh với xã Hành Thiện',
      },
      {
        body: 'Lãnh đạo UBND xã',
        step: 'Phê duyệt kết quả',
        handedAt: vn('2026-02-24T08:30:00'),
        handedBy: 'Phạm Thu Trang',
        receivedBy: 'Lê Minh Quang',
        allottedMinutes: 450,
        usedMinutes: 1035,
        result: 'late',
        note: '',
      },
      {
        body: 'Bộ phận Một cửa',
        step: 'Trả kết quả',
        handedAt: vn('2026-02-26T09:15:00'),
        handedBy: 'Lê Minh Quang',
        receivedBy: 'Trần Văn Bình',
        allottedMinutes: null,
        usedMinutes: null,
        result: null,
        note: 'Đã gửi phiếu xin lỗi',
      },
    ],
    ...overrides,
  };
}

export function register(rowCount = 12): RegisterForm {
  const procedures = ['Đăng ký khai sinh', 'Đăng ký kết hôn', 'Chứng thực bản sao từ bản chính', 'Đăng ký khai tử'];
  const names = ['Nguyễn Thị Hoà', 'Trần Văn Bình', 'Lê Thị Thu Hương', 'Phạm Quốc Khánh'];
  return {
    unitName: 'Trung tâm Phục vụ hành chính công xã Tứ Mỹ',
    year: 2026,
    book: '01',
    rows: Array.from({ length: rowCount }, (_, i) => {
      const day = 2 + (i % 20);
      const d = (h: number, plus = 0): Date => vn(`2026-03-${String(day + plus).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00`);
      return {
        seq: 120 + i,
        dossierCode: `000.00.31.H55-2603${String(day).padStart(2, '0')}-${String(i + 1).padStart(4, '0')}`,
        procedureName: procedures[i % procedures.length] ?? '',
        count: 1,
        applicantName: names[i % names.length] ?? '',
        addressPhone: 'Thôn Phú Mỹ, xã Tứ Mỹ; 0912 345 678',
        body: 'UBND xã Tứ Mỹ',
        receivedAt: d(9),
        dueAt: d(17, 3),
        transferredAt: d(14),
        resultReceivedAt: i % 3 === 0 ? null : d(10, 2),
        returnedAt: i % 3 === 0 ? null : d(15, 2),
        note: i % 5 === 0 ? 'Trả qua bưu chính' : '',
      };
    }),
  };
}
