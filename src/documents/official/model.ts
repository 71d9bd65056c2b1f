/**
 * Model of an official administrative document (văn bản hành chính) presented per
 * Decree 30/2020/NĐ-CP, Phụ lục I. Strings may arrive in NFD; the renderer normalises to NFC.
 */
import { z } from 'zod';

export const OFFICIAL_KINDS = ['decision', 'officialLetter', 'certificate', 'notice', 'report'] as const;
export type OfficialKind = (typeof OFFICIAL_KINDS)[number];

export const bodyBlockSchema = z.object({
  /**
   * paragraph: justified, first-line indent (string[] = several paragraphs);
   * heading: bold, centred ("QUYẾT ĐỊNH:", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …");
   * article: "Điều 1. …" with the "Điều N." prefix bold;
   * list: one "- …" line per item, indented.
   */
  kind: z.enum(['paragraph', 'heading', 'article', 'list']),
  text: z.union([z.string(), z.array(z.string())]),
  /** Italic (e.g. the "Căn cứ …;" lines of a decision). */
  italic: z.boolean().optional(),
});
export type OfficialBodyBlock = z.infer<typeof bodyBlockSchema>;

export const signatureSchema = z.object({
  /** "TM. ỦY BAN NHÂN DÂN"; several lines joined by "\n" ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"). */
  authority: z.string().nullable(),
  /** "CHỦ TỊCH", "PHÓ CHỦ TỊCH" */
  title: z.string().min(1),
  signerName: z.string().min(1),
});
export type OfficialSignature = z.infer<typeof signatureSchema>;

export const officialDocumentSchema = z.object({
  kind: z.enum(OFFICIAL_KINDS),
  /** 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH' or null (a commune PC writes only its own name). */
  parentBody: z.string().nullable(),
  /** 'ỦY BAN NHÂN DÂN XÃ TỨ MỸ' */
  issuingBody: z.string().min(1),
  /** '15' (a single digit gets a leading zero); null while a draft: "Số:      /QĐ-UBND". */
  number: z.string().regex(/^\d+$/).nullable(),
  /** 'QĐ-UBND', 'UBND-VP'; '' = no "Số:" line (only allowed when number is null). */
  symbol: z.string(),
  /** 'Tứ Mỹ' */
  place: z.string().min(1),
  /** Issue date; null while a draft ("ngày    tháng    năm"). */
  date: z.date().nullable(),
  /** 'QUYẾT ĐỊNH', 'GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN'; null for letters. */
  title: z.string().nullable(),
  /** 'Về việc …' (under the title) or 'V/v …' (letters, under the number). */
  summary: z.string(),
  /** 'Kính gửi: …' for letters; "\n" separates several addressees. */
  salutation: z.string().optional(),
  body: z.array(bodyBlockSchema),
  signature: signatureSchema,
  /** Addressees for "Nơi nhận:"; "- Lưu: VT." is appended unless the last entry starts with "Lưu". */
  recipients: z.array(z.string()),
  /** Public verification URL printed as a QR code on the last page. */
  qrUrl: z.string().nullable(),
});
export type OfficialDocument = z.infer<typeof officialDocumentSchema>;
