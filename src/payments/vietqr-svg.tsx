/**
 * The VietQR code as inline SVG for the payment page and the printed fee notice:
 * error correction M, 4-module quiet zone, one path, and a Vietnamese accessible name saying what it pays.
 */
import { qrMatrix, qrRuns } from '../documents/forms/qr.js';
import { formatInteger } from '../platform/i18n/text.js';
import { parseVietQr } from './vietqr.js';

/** Width of the light border around the code, in modules (the QR standard's minimum). */
export const QUIET_ZONE = 4;

/** "Mã VietQR chuyển khoản 50.000 đồng vào tài khoản 0011001234567, nội dung LE PHI HS 0002". */
export function vietQrTitle(payload: string): string {
  const q = parseVietQr(payload);
  const amount = q.amount === undefined ? '' : ` ${formatInteger(q.amount)} đồng`;
  const note = q.purpose === undefined ? '' : `, nội dung ${q.purpose}`;
  return `Mã VietQR chuyển khoản${amount} vào tài khoản ${q.account}${note}`.normalize('NFC');
}

/**
 * Inline SVG of a VietQR payload (checked with parseVietQr first): role="img", named by its `<title>` (no aria-label:
 * the title is the one escaped copy of the transfer note, and needs no id that could clash when a page shows two codes).
 * Same QR matrix as `QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', margin: 4 })`.
 * @throws VietQrError when the payload is not a valid VietQR.
 */
export function vietQrSvg(payload: string): string {
  const title = vietQrTitle(payload);
  const matrix = qrMatrix(payload);
  const dim = matrix.size + QUIET_ZONE * 2;
  const d = qrRuns(matrix)
    .map((r) => `M${r.col + QUIET_ZONE} ${r.row + QUIET_ZONE}h${r.length}v1h-${r.length}z`)
    .join('');
  return (
    <svg xmlns="http://www.w3.org/2000/svg" class="vietqr" viewBox={`0 0 ${dim} ${dim}`} shape-rendering="crispEdges" role="img">
      <title safe>{title}</title>
      <rect width={String(dim)} height={String(dim)} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  ) as string;
}
