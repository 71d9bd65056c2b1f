/**
 * The visible parts of the two signatures on an official document (Decree 30/2020, Phụ lục I):
 * the signer's handwritten-signature image in blue, centred in the signature area between the
 * position line and the name, and the organisation's seal in red at its actual size, overlapping
 * about a third of the signature image on the left. Each image is a one-page PDF that the PAdES
 * signer embeds as the appearance of its own signature widget, so the seal appears with the seal
 * signature and the handwriting with the personal one.
 *
 * Units and officers supply their real images as transparent PNG files in the keystore; without one
 * we draw a clearly generated stand-in (the seal says "MẪU" — a specimen — in its centre).
 */
import { MM, newPdfDocument } from '../forms/pdf-kit.js';
import { nfc } from '../text.js';
import { FONT_NAME, fontData } from './layout.js';
import type { SignatureRect } from './layout.js';


/** Blue of the signature image and red of the seal (print colours of real ink). */
export const SIGNATURE_BLUE = '#1f3fa6';
export const SEAL_RED = '#d7191c';
/** Diameter of a commune People's Committee seal (mm). */
export const SEAL_DIAMETER_MM = 34;
/** Width of the signature image inside the 60 mm signature area (mm). */
export const SIGNATURE_IMAGE_MM = { width: 44, height: 24 } as const;

export interface Box { x: number; y: number; width: number; height: number }

/**
 * Where the two images go, from the signature area the renderer reserved: the signature image is centred
 * in it; the seal's right edge sits a third of the way into the signature image, vertically centred.
 */
export function appearanceBoxes(area: SignatureRect): { signature: Box; seal: Box } {
  const w = SIGNATURE_IMAGE_MM.width * MM;
  const h = SIGNATURE_IMAGE_MM.height * MM;
  const signature = { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
  const d = SEAL_DIAMETER_MM * MM;
  const seal = { x: signature.x + w / 3 - d, y: area.y + (area.height - d) / 2, width: d, height: d };
  return { signature, seal };
}

/** A one-page PDF of the given size (Liberation Serif italic and bold registered) drawn by `draw`: a signature widget's appearance. */
export async function onePage(width: number, height: number, title: string, draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  const doc = newPdfDocument(
    { size: [width, height], layout: 'portrait', margins: { top: 0, bottom: 0, left: 0, right: 0 } },
    { title, author: 'Xã Số', subject: title, date: new Date(Date.UTC(2000, 0, 1)) },
  );
  const f = fontData();
  doc.registerFont(FONT_NAME.italic, f.italic);
  doc.registerFont(FONT_NAME.bold, f.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return new Uint8Array(await done);
}

/** Small deterministic PRNG so the same name always gives the same stroke. */
function seeded(text: string): () => number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) ^ Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h >>>= 0) % 10000) / 10000;
  };
}

/** The signer's signature image: their PNG when given, else the given name in blue italic with a flourish. */
export function signatureImagePdf(signerName: string, box: Pick<Box, 'width' | 'height'>, png?: Buffer | null): Promise<Uint8Array> {
  return onePage(box.width, box.height, 'Chữ ký', (doc) => {
    if (png) {
      doc.image(png, 0, 0, { fit: [box.width, box.height], align: 'center', valign: 'center' });
      return;
    }
    const words = nfc(signerName).trim().split(/\s+/);
    const given = words[words.length - 1] ?? '';
    const rnd = seeded(signerName);
    doc.font(FONT_NAME.italic).fontSize(100);
    // the handwriting fills about 70% of the image width (a third of it lies under the seal)
    const size = Math.min(box.height * 0.6, (box.width * 0.7 * 100) / Math.max(1, doc.widthOfString(given)));
    doc.fontSize(size).fillColor(SIGNATURE_BLUE);
    const tw = doc.widthOfString(given);
    const x0 = box.width * 0.12;
    const baseline = box.height * 0.2;
    doc.save().rotate(-8, { origin: [box.width / 2, box.height / 2] });
    doc.text(given, x0, baseline, { lineBreak: false, width: box.width * 0.85 });
    // the flourish: a loop under the name
    const y = baseline + size * 1.05;
    doc.moveTo(x0 - 6, y + 2)
      .bezierCurveTo(x0 + tw * 0.3, y - 8 - rnd() * 6, x0 + tw * 0.7, y + 10 + rnd() * 6, x0 + tw + 10, y - 4)
      .bezierCurveTo(x0 + tw + 16, y - 8, x0 + tw * 0.9, y - 10, x0 + tw * 0.6, y + 3)
      .lineWidth(1.3).strokeColor(SIGNATURE_BLUE).stroke();
    doc.restore();
  });
}

function arcText(doc: PDFKit.PDFDocument, text: string, cx: number, cy: number, r: number, size: number, bottom: boolean): void {
  doc.font(FONT_NAME.bold).fontSize(size).fillColor(SEAL_RED);
  const chars = [...text];
  const widths = chars.map((c) => doc.widthOfString(c) * 1.08);
  const total = widths.reduce((a, b) => a + b, 0);
  const span = total / r; // radians
  // top text runs clockwise centred on 12 o'clock; bottom text counter-clockwise centred on 6 o'clock
  let a = bottom ? Math.PI / 2 + span / 2 : -Math.PI / 2 - span / 2;
  chars.forEach((ch, i) => {
    const w = widths[i]!;
    const mid = a + (bottom ? -1 : 1) * (w / 2 / r);
    const px = cx + r * Math.cos(mid);
    const py = cy + r * Math.sin(mid);
    const deg = (mid * 180) / Math.PI + (bottom ? -90 : 90);
    doc.save().translate(px, py).rotate(deg);
    doc.text(ch, -w / 2 / 1.08, bottom ? -size * 0.2 : -size * 0.75, { lineBreak: false });
    doc.restore();
    a += (bottom ? -1 : 1) * (w / r);
  });
}

function star(doc: PDFKit.PDFDocument, cx: number, cy: number, r: number): void {
  const pts: Array<[number, number]> = [];
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r : r * 0.4;
    const ang = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + rr * Math.cos(ang), cy + rr * Math.sin(ang)]);
  }
  doc.polygon(...pts).fill(SEAL_RED);
}

/**
 * The organisation's seal: its PNG when given, else a drawn round seal — two red rings, the body's name
 * along the top ("ỦY BAN NHÂN DÂN XÃ TỨ MỸ"), the parent along the bottom ("TỈNH HÀ TĨNH"), a star
 * and the word "MẪU" in the centre so that nobody takes it for a real seal.
 */
export function sealImagePdf(body: { name: string; parent: string | null }, png?: Buffer | null): Promise<Uint8Array> {
  const d = SEAL_DIAMETER_MM * MM;
  return onePage(d, d, 'Dấu', (doc) => {
    if (png) {
      doc.image(png, 0, 0, { fit: [d, d], align: 'center', valign: 'center' });
      return;
    }
    const c = d / 2;
    doc.lineWidth(1.6).strokeColor(SEAL_RED).circle(c, c, c - 1.2).stroke();
    doc.lineWidth(0.8).circle(c, c, c - 4).stroke();
    doc.lineWidth(0.8).circle(c, c, c * 0.52).stroke();
    const ringSize = d * 0.088;
    arcText(doc, nfc(body.name).toUpperCase(), c, c, c - 5 - ringSize * 0.45, ringSize, false);
    if (body.parent) arcText(doc, nfc(body.parent).toUpperCase(), c, c, c - 5 - ringSize * 0.45, ringSize, true);
    star(doc, c, c - c * 0.12, c * 0.24);
    doc.font(FONT_NAME.bold).fontSize(d * 0.07).fillColor(SEAL_RED);
    const w = doc.widthOfString('MẪU');
    doc.text('MẪU', c - w / 2, c + c * 0.16, { lineBreak: false });
  });
}
