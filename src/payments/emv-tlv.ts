/**
 * EMVCo QR (merchant-presented) building blocks: ID-length-value fields and the CRC that closes a payload.
 * IDs are 2 digits, lengths 2 decimal digits, so a value holds at most 99 characters (ASCII here).
 */

/** One ID-length-value field. */
export interface TlvField {
  id: string;
  value: string;
}

/** Why a TLV string or field is not well formed. */
export class TlvError extends Error {
  override name = 'TlvError';
}

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) over the UTF-8 bytes of `text`,
 * as 4 uppercase hex digits. Check value: "123456789" → "29B1".
 */
export function crc16CcittFalse(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Encodes one field: `tlv('58', 'VN')` → "5802VN". */
export function tlv(id: string, value: string): string {
  if (!/^\d{2}$/.test(id)) throw new TlvError(`ID trường phải gồm 2 chữ số: "${id}"`);
  if (value.length < 1 || value.length > 99) throw new TlvError(`Trường ${id} phải dài 1–99 ký tự, có ${value.length}`);
  return id + String(value.length).padStart(2, '0') + value;
}

/** Splits a TLV string into its fields, in order; refuses a truncated field, a bad ID or length, and a repeated ID. */
export function parseTlv(text: string): TlvField[] {
  const fields: TlvField[] = [];
  const seen = new Set<string>();
  let at = 0;
  while (at < text.length) {
    const head = text.slice(at, at + 4);
    if (!/^\d{4}$/.test(head)) throw new TlvError(`Đầu trường không hợp lệ ở vị trí ${at}: "${head}"`);
    const id = head.slice(0, 2);
    const length = Number(head.slice(2));
    const value = text.slice(at + 4, at + 4 + length);
    if (length === 0 || value.length !== length) throw new TlvError(`Trường ${id} ở vị trí ${at} bị cụt hoặc rỗng`);
    if (seen.has(id)) throw new TlvError(`Trường ${id} lặp lại`);
    seen.add(id);
    fields.push({ id, value });
    at += 4 + length;
  }
  return fields;
}
