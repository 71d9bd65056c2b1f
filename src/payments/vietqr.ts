/**
 * NAPAS VietQR payloads (EMVCo merchant-presented QR) for paying a fee by bank transfer:
 * build one from the collector's account and the amount, and read one back (CRC checked).
 * Field layout per shared/research/domain-vn.md §8.3.
 */
import { TlvError, crc16CcittFalse, parseTlv, tlv, type TlvField } from './emv-tlv.js';
import { MAX_TRANSFER_NOTE } from './transfer-note.js';

/** NAPAS's globally unique identifier in field 38/00. */
export const NAPAS_GUID = 'A000000727';
/** Field 38/02: transfer to an account, or to a card number. */
export type VietQrService = 'QRIBFTTA' | 'QRIBFTTC';

/** What a VietQR payload says. An amount makes the code dynamic (01 = 12: one payment, amount locked in the banking app). */
export interface VietQr {
  /** Bank BIN (acquirer ID), 6 digits, e.g. 970436 Vietcombank. */
  bin: string;
  /** Beneficiary account (or card) number: 1–19 letters or digits. */
  account: string;
  /** Default QRIBFTTA (to an account). */
  service?: VietQrService;
  /** Integer VND, 1 to 13 digits; absent for a static code. */
  amount?: number;
  /** Transfer note (62/08): printable ASCII, at most 25 characters; use transferNote() for a dossier. */
  purpose?: string;
  /** Merchant name (59): printable ASCII, at most 25 characters (EMVCo). */
  merchantName?: string;
  /** Merchant city (60): printable ASCII, at most 15 characters (EMVCo). */
  merchantCity?: string;
}

/** A VietQR payload as read back, with its point of initiation. */
export interface ParsedVietQr extends VietQr {
  service: VietQrService;
  dynamic: boolean;
}

/** Why a VietQR payload cannot be built or read. */
export class VietQrError extends Error {
  override name = 'VietQrError';
}

const MAX_AMOUNT = 9_999_999_999_999;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

function checkAmount(amount: number): void {
  if (!Number.isInteger(amount) || amount < 1 || amount > MAX_AMOUNT) {
    throw new VietQrError(`Số tiền phải là số nguyên dương tối đa 13 chữ số (đồng), có ${String(amount)}`);
  }
}

function checkText(label: string, value: string | undefined, max: number): void {
  if (value === undefined) return;
  if (!PRINTABLE_ASCII.test(value)) throw new VietQrError(`${label} chỉ được gồm ký tự ASCII không dấu: "${value}"`);
  if (value.length > max) throw new VietQrError(`${label} dài ${value.length} ký tự, tối đa ${max}: "${value}"`);
}

function check(q: VietQr): void {
  if (!/^\d{6}$/.test(q.bin)) throw new VietQrError(`Mã BIN ngân hàng phải gồm 6 chữ số: "${q.bin}"`);
  if (!/^[A-Za-z0-9]{1,19}$/.test(q.account)) throw new VietQrError(`Số tài khoản phải gồm 1–19 chữ cái hoặc chữ số: "${q.account}"`);
  if (q.service !== undefined && q.service !== 'QRIBFTTA' && q.service !== 'QRIBFTTC') throw new VietQrError(`Mã dịch vụ không hợp lệ: "${String(q.service)}"`);
  if (q.amount !== undefined) checkAmount(q.amount);
  checkText('Nội dung chuyển khoản', q.purpose, MAX_TRANSFER_NOTE);
  checkText('Tên đơn vị thụ hưởng', q.merchantName, 25);
  checkText('Thành phố', q.merchantCity, 15);
}

/**
 * The payload string to put in the QR code, ending in the CRC field "6304XXXX".
 * @throws VietQrError on an invalid BIN, account, amount or text field (non-ASCII, too long).
 */
export function buildVietQr(q: VietQr): string {
  check(q);
  const beneficiary = tlv('00', q.bin) + tlv('01', q.account);
  const merchantAccount = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', q.service ?? 'QRIBFTTA');
  const fields = [
    tlv('00', '01'),
    tlv('01', q.amount === undefined ? '11' : '12'),
    tlv('38', merchantAccount),
    tlv('53', '704'),
    q.amount === undefined ? '' : tlv('54', String(q.amount)),
    tlv('58', 'VN'),
    q.merchantName === undefined ? '' : tlv('59', q.merchantName),
    q.merchantCity === undefined ? '' : tlv('60', q.merchantCity),
    q.purpose === undefined ? '' : tlv('62', tlv('08', q.purpose)),
  ].join('');
  const unsigned = `${fields}6304`;
  return unsigned + crc16CcittFalse(unsigned);
}

function fieldMap(text: string, where: string): Map<string, string> {
  try {
    return new Map(parseTlv(text).map((f: TlvField) => [f.id, f.value]));
  } catch (e) {
    if (e instanceof TlvError) throw new VietQrError(`${where}: ${e.message}`);
    throw e;
  }
}

function required(fields: Map<string, string>, id: string, where: string): string {
  const value = fields.get(id);
  if (value === undefined) throw new VietQrError(`${where}: thiếu trường ${id}`);
  return value;
}

function expectValue(fields: Map<string, string>, id: string, expected: string, where: string): void {
  const value = required(fields, id, where);
  if (value !== expected) throw new VietQrError(`${where}: trường ${id} phải là "${expected}", có "${value}"`);
}

/**
 * Reads a VietQR payload: checks the CRC (last field 63), the fixed fields (00 = 01, 53 = 704, 58 = VN, NAPAS GUID)
 * and the same limits as {@link buildVietQr}. Fields it does not know (e.g. 52 MCC) are passed over.
 * @throws VietQrError when the payload is malformed, its CRC does not match, or a field is invalid.
 */
export function parseVietQr(payload: string): ParsedVietQr {
  const crcAt = payload.length - 8;
  if (crcAt < 0 || payload.slice(crcAt, crcAt + 4) !== '6304') throw new VietQrError('Mã VietQR phải kết thúc bằng trường CRC 63 (6304XXXX)');
  const expectedCrc = crc16CcittFalse(payload.slice(0, crcAt + 4));
  const givenCrc = payload.slice(crcAt + 4).toUpperCase();
  if (givenCrc !== expectedCrc) throw new VietQrError(`Sai mã kiểm tra CRC: ghi ${givenCrc}, tính được ${expectedCrc}`);

  const top = fieldMap(payload.slice(0, crcAt), 'Mã VietQR');
  expectValue(top, '00', '01', 'Mã VietQR');
  const initiation = required(top, '01', 'Mã VietQR');
  if (initiation !== '11' && initiation !== '12') throw new VietQrError(`Trường 01 phải là 11 (tĩnh) hoặc 12 (động), có "${initiation}"`);
  expectValue(top, '53', '704', 'Mã VietQR');
  expectValue(top, '58', 'VN', 'Mã VietQR');

  const merchant = fieldMap(required(top, '38', 'Mã VietQR'), 'Trường 38');
  expectValue(merchant, '00', NAPAS_GUID, 'Trường 38');
  const beneficiary = fieldMap(required(merchant, '01', 'Trường 38'), 'Trường 38/01');
  const additional = top.has('62') ? fieldMap(required(top, '62', 'Mã VietQR'), 'Trường 62') : new Map<string, string>();
  const amountText = top.get('54');
  if (amountText !== undefined && !/^\d{1,13}$/.test(amountText)) throw new VietQrError(`Số tiền (trường 54) phải là số nguyên đồng: "${amountText}"`);

  const q: ParsedVietQr = {
    bin: required(beneficiary, '00', 'Trường 38/01'),
    account: required(beneficiary, '01', 'Trường 38/01'),
    service: required(merchant, '02', 'Trường 38') as VietQrService,
    dynamic: initiation === '12',
  };
  if (amountText !== undefined) q.amount = Number(amountText);
  const purpose = additional.get('08');
  if (purpose !== undefined) q.purpose = purpose;
  const merchantName = top.get('59');
  if (merchantName !== undefined) q.merchantName = merchantName;
  const merchantCity = top.get('60');
  if (merchantCity !== undefined) q.merchantCity = merchantCity;
  check(q);
  return q;
}
