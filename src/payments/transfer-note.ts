/**
 * The transfer note ("nội dung chuyển khoản", VietQR field 62/08): ASCII without diacritics, at most 25 characters
 * (what NAPAS carries for an interbank transfer), carrying the dossier code so a bank statement line can be matched.
 */

/** Longest note NAPAS carries for an interbank fund transfer. */
export const MAX_TRANSFER_NOTE = 25;

/** Why a note cannot be made. */
export class TransferNoteError extends RangeError {
  override name = 'TransferNoteError';
}

/**
 * Upper-case ASCII for bank fields: diacritics stripped (đ → D), only A–Z, 0–9, space, "." and "-" kept
 * (any other character becomes a space), spaces collapsed. "Lệ phí hồ sơ đ/01" → "LE PHI HO SO D 01".
 */
export function bankAscii(text: string): string {
  return text
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Z0-9 .-]/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

/**
 * The note for paying the fee of one dossier: "HS <code>" when that fits in 25 characters, else the code alone.
 * `transferNote('000.00.04.H40-260105-0002')` → "000.00.04.H40-260105-0002" (25 characters, no room for "HS ").
 * @throws TransferNoteError when the cleaned code is empty or itself longer than 25 characters
 *   (cutting it could make two dossiers' notes equal).
 */
export function transferNote(dossierCode: string): string {
  const code = bankAscii(dossierCode);
  if (!code) throw new TransferNoteError(`Mã hồ sơ "${dossierCode}" không còn ký tự nào dùng được trong nội dung chuyển khoản`);
  if (code.length > MAX_TRANSFER_NOTE) {
    throw new TransferNoteError(`Mã hồ sơ "${code}" dài ${code.length} ký tự, nội dung chuyển khoản chỉ chứa được ${MAX_TRANSFER_NOTE}`);
  }
  const withPrefix = `HS ${code}`;
  return withPrefix.length <= MAX_TRANSFER_NOTE ? withPrefix : code;
}
