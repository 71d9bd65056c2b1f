/**
 * Builders of official-document models for the results of seeded commune procedures:
 * certified copy (chứng thực bản sao từ bản chính, Decree 23/2015/NĐ-CP), marital status
 * confirmation (xác nhận tình trạng hôn nhân) and a plain official letter (công văn).
 */
import { formatVnDate, formatVnDateLong } from '../text.js';
import type { OfficialDocument, OfficialSignature } from './model.js';

/** The issuing commune People's Committee. */
export interface IssuerInput {
  /** 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH' or null */
  parentBody: string | null;
  /** 'ỦY BAN NHÂN DÂN XÃ TỨ MỸ' */
  issuingBody: string;
  /** 'Tứ Mỹ' */
  place: string;
}

export interface SignerInput {
  /** Defaults to 'TM. ỦY BAN NHÂN DÂN'; '' for none; "\n" for several lines ("TM. …\nKT. CHỦ TỊCH"). */
  authority?: string;
  /** 'CHỦ TỊCH', 'PHÓ CHỦ TỊCH' */
  title: string;
  name: string;
}

function signature(s: SignerInput): OfficialSignature {
  const authority = s.authority ?? 'TM. ỦY BAN NHÂN DÂN';
  return { authority: authority === '' ? null : authority, title: s.title, signerName: s.name };
}

// ---------------------------------------------------------------------------------------------

export interface CertifiedCopyInput {
  issuer: IssuerInput;
  /** Số chứng thực in the register: '125'. */
  certNumber: string;
  /** Quyển số prefix: '01/2027' → "Quyển số: 01/2027-SCT/BS". */
  bookNumber: string;
  date: Date;
  /** What was copied: 'Bằng tốt nghiệp trung học phổ thông số B0123456 mang tên Nguyễn Văn An'. */
  originalDocument: string;
  /** Pages of the copy. */
  pages: number;
  /** Copies certified in this request. */
  copies: number;
  /** Fee in đồng (2.000 đ/page for the first two pages, 1.000 đ after, capped) — text given by caller. */
  feeText?: string;
  signer: SignerInput;
  qrUrl?: string | null;
}

/**
 * Lời chứng chứng thực bản sao từ bản chính (Decree 23/2015/NĐ-CP; Circular 01/2020/TT-BTP form):
 * "Chứng thực bản sao này đúng với bản chính.", "Số chứng thực …, Quyển số …-SCT/BS", date.
 */
export function certifiedCopyCertificate(input: CertifiedCopyInput): OfficialDocument {
  const dateText = formatVnDateLong(input.date);
  const body: OfficialDocument['body'] = [
    { kind: 'paragraph', text: 'Chứng thực bản sao này đúng với bản chính.' },
    {
      kind: 'paragraph',
      text: `Bản sao gồm ${input.pages} trang, được chứng thực từ bản chính: ${input.originalDocument}. Số bản sao được chứng thực: ${input.copies} bản.`,
    },
    { kind: 'paragraph', text: `Số chứng thực: ${input.certNumber}, Quyển số: ${input.bookNumber}-SCT/BS.` },
    { kind: 'paragraph', text: `${dateText.charAt(0).toUpperCase()}${dateText.slice(1)}.` },
  ];
  if (input.feeText) body.push({ kind: 'paragraph', text: `Lệ phí chứng thực: ${input.feeText}.`, italic: true });
  return {
    kind: 'certificate',
    parentBody: input.issuer.parentBody,
    issuingBody: input.issuer.issuingBody,
    number: null,
    symbol: '',
    place: input.issuer.place,
    date: input.date,
    title: 'LỜI CHỨNG CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH',
    summary: '',
    body,
    signature: signature(input.signer),
    recipients: [],
    qrUrl: input.qrUrl ?? null,
  };
}

// ---------------------------------------------------------------------------------------------

export interface MaritalStatusInput {
  issuer: IssuerInput;
  /** '15' or null for a draft. */
  number: string | null;
  /** Defaults to 'UBND-XNTTHN'. */
  symbol?: string;
  date: Date | null;
  applicant: {
    fullName: string;
    birthDate: Date;
    gender: 'Nam' | 'Nữ';
    ethnicity: string;
    nationality: string;
    /** Số định danh cá nhân / căn cước. */
    idNumber: string;
    residence: string;
  };
  /** Period covered when the person lived elsewhere: 'từ ngày … đến ngày …' (optional). */
  period?: string;
  /** 'Hiện tại chưa đăng ký kết hôn với ai.' / 'Đã đăng ký kết hôn, nhưng đã ly hôn …'. */
  maritalStatus: string;
  /** 'Đăng ký kết hôn với bà Trần Thị Bình' / 'Bổ sung hồ sơ vay vốn ngân hàng'. */
  purpose: string;
  signer: SignerInput;
  recipients?: string[];
  qrUrl?: string | null;
}

/** Giấy xác nhận tình trạng hôn nhân (valid 6 months from issue). */
export function maritalStatusConfirmation(input: MaritalStatusInput): OfficialDocument {
  const a = input.applicant;
  const items: string[] = [
    `Họ, chữ đệm, tên: ${a.fullName}`,
    `Ngày, tháng, năm sinh: ${formatVnDate(a.birthDate)}`,
    `Giới tính: ${a.gender}; Dân tộc: ${a.ethnicity}; Quốc tịch: ${a.nationality}`,
    `Số định danh cá nhân/Căn cước: ${a.idNumber}`,
    `Nơi cư trú: ${a.residence}`,
  ];
  if (input.period) items.push(`Trong thời gian cư trú tại ${input.issuer.place}: ${input.period}`);
  items.push(`Tình trạng hôn nhân: ${input.maritalStatus}`);
  items.push(`Giấy này được cấp để sử dụng vào việc: ${input.purpose}.`);
  return {
    kind: 'certificate',
    parentBody: input.issuer.parentBody,
    issuingBody: input.issuer.issuingBody,
    number: input.number,
    symbol: input.symbol ?? 'UBND-XNTTHN',
    place: input.issuer.place,
    date: input.date,
    title: 'GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN',
    summary: '',
    body: [
      { kind: 'paragraph', text: `${agencyInText(input.issuer.issuingBody)} xác nhận:` },
      { kind: 'list', text: items },
      { kind: 'paragraph', text: 'Giấy này có giá trị 6 tháng kể từ ngày cấp.', italic: true },
    ],
    signature: signature(input.signer),
    recipients: input.recipients ?? [],
    qrUrl: input.qrUrl ?? null,
  };
}

/** 'ỦY BAN NHÂN DÂN XÃ TỨ MỸ' → 'Ủy ban nhân dân xã Tứ Mỹ' (the place name keeps its capitals). */
export function agencyInText(agency: string): string {
  const m = /^(.*?\b)(XÃ|PHƯỜNG|ĐẶC KHU|THỊ TRẤN)\s+(.+)$/u.exec(agency);
  if (!m) return agency.charAt(0) + agency.slice(1).toLocaleLowerCase('vi');
  const head = (m[1] ?? '').toLocaleLowerCase('vi');
  const level = (m[2] ?? '').toLocaleLowerCase('vi');
  const name = (m[3] ?? '')
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1))
    .join(' ');
  const s = `${head}${level} ${name}`;
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

// ---------------------------------------------------------------------------------------------

export interface OfficialLetterInput {
  issuer: IssuerInput;
  number: string | null;
  /** 'UBND-VP' */
  symbol: string;
  date: Date | null;
  /** Without the prefix: 'đề nghị cung cấp thông tin hộ tịch' → "V/v đề nghị …". */
  subject: string;
  /** Addressees after "Kính gửi:"; several → one "- …;" line each. */
  to: string[];
  paragraphs: string[];
  signer: SignerInput;
  recipients: string[];
  qrUrl?: string | null;
}

/** Công văn: "V/v …" under the number, "Kính gửi:", body paragraphs. */
export function officialLetter(input: OfficialLetterInput): OfficialDocument {
  const to = input.to.map((t) => t.trim()).filter((t) => t !== '');
  const salutation =
    to.length <= 1 ? `Kính gửi: ${to[0] ?? ''}.` : ['Kính gửi:', ...to.map((t, i) => `- ${t}${i === to.length - 1 ? '.' : ';'}`)].join('\n');
  return {
    kind: 'officialLetter',
    parentBody: input.issuer.parentBody,
    issuingBody: input.issuer.issuingBody,
    number: input.number,
    symbol: input.symbol,
    place: input.issuer.place,
    date: input.date,
    title: null,
    summary: `V/v ${input.subject.replace(/^V\/v\s+/u, '')}`,
    salutation,
    body: [{ kind: 'paragraph', text: input.paragraphs }],
    signature: signature(input.signer),
    recipients: input.recipients,
    qrUrl: input.qrUrl ?? null,
  };
}
