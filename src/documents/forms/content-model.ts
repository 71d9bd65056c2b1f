/**
 * The content model of the printed forms (runs, paragraphs, lists, tables, signatures) and the helpers that build
 * it; shared by the PDF renderers and the HTML print views. Every string is NFC-normalised here.
 */
import { formatPlaceDate, nfc } from '../text.js';
import type { ApplicantBlock, FormHeader } from './types.js';

export type RunStyle = 'regular' | 'bold' | 'italic';
export interface Run {
  text: string;
  style: RunStyle;
}
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface ParaBlock {
  kind: 'para';
  runs: Run[];
  align: Align;
  /** first-line indent (body paragraphs of letters) */
  indent: boolean;
  small: boolean;
}
export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  items: Run[][];
}
export interface TableColumn {
  header: string;
  /** relative width */
  width: number;
  align: 'left' | 'center' | 'right';
}
export interface TableBlock {
  kind: 'table';
  caption: string;
  captionVisible: boolean;
  columns: TableColumn[];
  /** cells may contain "\n" line breaks */
  rows: string[][];
  /** text shown in a single full-width row when there are no rows */
  emptyText: string;
  /** smaller type for many narrow columns */
  dense: boolean;
}
export interface SignatureItem {
  /** may contain "\n" (e.g. "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH") */
  title: string;
  note: string;
  name: string;
}
export interface SignaturesBlock {
  kind: 'signatures';
  items: SignatureItem[];
}
/** How to pay a pending fee by transfer: a VietQR payload and the account details as text beside the code. */
export interface TransferBlock {
  kind: 'transfer';
  heading: string;
  /** the VietQR payload (ASCII) */
  payload: string;
  lines: Array<{ label: string; value: string }>;
  note: string;
}
export type Block = ParaBlock | ListBlock | TableBlock | SignaturesBlock | TransferBlock;

export interface OfficialHeader {
  kind: 'official';
  parentBody: string;
  issuingBody: string;
  number: string | null;
  placeDate: string;
}
export interface BookHeader {
  kind: 'book';
  unitName: string;
}

export interface FormDocument {
  /** form identifier, also the HTML body class */
  id: 'receipt' | 'supplement' | 'refusal' | 'apology' | 'control-sheet' | 'register';
  format: 'A5' | 'A4-landscape';
  /** document title for PDF metadata and HTML <title> */
  docTitle: string;
  author: string;
  date: Date;
  header: OfficialHeader | BookHeader;
  title: string;
  subtitles: string[];
  qr: { url: string; code: string } | null;
  /** lines shown beside the QR code */
  intro: Block[];
  body: Block[];
}

export const MOTTO_NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO_SLOGAN = 'Độc lập - Tự do - Hạnh phúc';
export const SIGN_NOTE = '(Ký và ghi rõ họ tên)';

// ---------------------------------------------------------------- helpers

export const r = (text: string): Run => ({ text: nfc(text), style: 'regular' });
export const b = (text: string): Run => ({ text: nfc(text), style: 'bold' });
export const i = (text: string): Run => ({ text: nfc(text), style: 'italic' });

export function para(runs: Run[], opts: Partial<Omit<ParaBlock, 'kind' | 'runs'>> = {}): ParaBlock {
  return {
    kind: 'para',
    runs: runs.filter((run) => run.text.length > 0),
    align: opts.align ?? 'left',
    indent: opts.indent ?? false,
    small: opts.small ?? false,
  };
}

export function field(label: string, value: string, strong = false): ParaBlock {
  const v = value.trim() === '' ? '…' : value;
  return para([r(label), strong ? b(v) : r(v)]);
}

export function official(h: FormHeader, number: string | null): OfficialHeader {
  return {
    kind: 'official',
    parentBody: nfc(h.parentBody).toLocaleUpperCase('vi'),
    issuingBody: nfc(h.issuingBody).toLocaleUpperCase('vi'),
    number: number === null ? null : nfc(number),
    placeDate: formatPlaceDate(h.place, h.date),
  };
}

export function applicantLines(a: ApplicantBlock, lead: string): ParaBlock[] {
  return [
    field(lead, a.fullName, true),
    field('Địa chỉ: ', a.address),
    para([r('Số điện thoại: '), r(a.phone.trim() === '' ? '…' : a.phone), r(';   Email: '), r(a.email.trim() === '' ? '…' : a.email)]),
  ];
}

export function lookupLine(url: string): ParaBlock {
  return para([r('Tra cứu hồ sơ: '), r(url)], { small: true });
}


/** What every A5 one-stop form knows about its dossier. */
export interface DossierFormFields {
  header: FormHeader;
  dossierCode: string;
  lookupUrl: string;
  applicant: ApplicantBlock;
  procedureName: string;
}

/** The parts every A5 one-stop form shares: metadata, the Decree 30 header, the title and the QR code. */
export function a5DossierForm(
  f: DossierFormFields,
  o: { id: FormDocument['id']; title: string; docTitle: string; number: string | null },
): Omit<FormDocument, 'intro' | 'body'> {
  return {
    id: o.id,
    format: 'A5',
    docTitle: nfc(`${o.docTitle} – ${f.dossierCode}`),
    author: nfc(f.header.issuingBody),
    date: f.header.date,
    header: official(f.header, o.number),
    title: o.title,
    subtitles: [],
    qr: { url: nfc(f.lookupUrl), code: nfc(f.dossierCode) },
  };
}

/** "Mã hồ sơ", the applicant's lines and "Nội dung yêu cầu giải quyết", as most forms open. */
export function dossierIntro(f: DossierFormFields, applicantLead: string): ParaBlock[] {
  return [field('Mã hồ sơ: ', f.dossierCode, true), ...applicantLines(f.applicant, applicantLead), field('Nội dung yêu cầu giải quyết: ', f.procedureName, true)];
}
