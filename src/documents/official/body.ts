/** The body of an official document: paragraphs, articles and lists laid out across pages. */
import { type OfficialBodyBlock } from './model.js';
import { Ctx, FONT_SIZES, PARAGRAPH_SPACING_PT, SINGLE_LINE_EM, lineGapFor, setFont } from './layout.js';

// ---------------------------------------------------------------------------------------------
// Body

/** One paragraph-level unit of the body. */
export type Unit =
  | { kind: 'para'; text: string; italic: boolean }
  | { kind: 'heading'; text: string }
  | { kind: 'article'; head: string; rest: string }
  | { kind: 'item'; text: string };

export function toUnits(blocks: readonly OfficialBodyBlock[]): Unit[] {
  const units: Unit[] = [];
  for (const b of blocks) {
    const texts = typeof b.text === 'string' ? [b.text] : b.text;
    for (const t of texts) {
      switch (b.kind) {
        case 'paragraph':
          units.push({ kind: 'para', text: t, italic: b.italic === true });
          break;
        case 'heading':
          units.push({ kind: 'heading', text: t });
          break;
        case 'article': {
          const m = /^(Điều\s+\d+[a-zđ]?\.)\s*(.*)$/su.exec(t);
          units.push(m ? { kind: 'article', head: m[1] ?? '', rest: m[2] ?? '' } : { kind: 'article', head: '', rest: t });
          break;
        }
        case 'list':
          units.push({ kind: 'item', text: /^[-–+•]\s/u.test(t) ? t : `- ${t}` });
          break;
      }
    }
  }
  return units;
}

export function unitHeight(ctx: Ctx, u: Unit): number {
  const { doc, sizes } = ctx;
  const size = FONT_SIZES.body;
  const lineGap = lineGapFor(size);
  switch (u.kind) {
    case 'heading':
      setFont(ctx, 'bold', size);
      return doc.heightOfString(u.text, { width: ctx.width, align: 'center', lineGap }) + PARAGRAPH_SPACING_PT;
    case 'article':
      // measured in bold (wider than the mixed run) to stay on the safe side
      setFont(ctx, 'bold', size);
      return (
        doc.heightOfString(`${u.head} ${u.rest}`, { width: ctx.width, indent: sizes.indent, lineGap, align: 'justify' }) +
        PARAGRAPH_SPACING_PT
      );
    case 'para':
    case 'item':
      setFont(ctx, u.kind === 'para' && u.italic ? 'italic' : 'regular', size);
      return doc.heightOfString(u.text, { width: ctx.width, indent: sizes.indent, lineGap, align: 'justify' }) + PARAGRAPH_SPACING_PT;
  }
}

export function drawUnit(ctx: Ctx, u: Unit): void {
  const { doc, sizes } = ctx;
  const size = FONT_SIZES.body;
  const lineGap = lineGapFor(size);
  const opts = { width: ctx.width, indent: sizes.indent, lineGap, align: 'justify' as const };
  // never start a paragraph on the last line of a page
  if (doc.y + size * SINGLE_LINE_EM * 2 > ctx.bottom) newPage(ctx);
  switch (u.kind) {
    case 'heading':
      setFont(ctx, 'bold', size);
      doc.text(u.text, ctx.left, doc.y, { width: ctx.width, align: 'center', lineGap });
      break;
    case 'article':
      if (u.head !== '' && u.rest !== '') {
        setFont(ctx, 'bold', size);
        doc.text(`${u.head} `, ctx.left, doc.y, { ...opts, continued: true });
        setFont(ctx, 'regular', size);
        doc.text(u.rest, opts);
      } else {
        setFont(ctx, u.head !== '' ? 'bold' : 'regular', size);
        doc.text(u.head !== '' ? u.head : u.rest, ctx.left, doc.y, opts);
      }
      break;
    case 'para':
      setFont(ctx, u.italic ? 'italic' : 'regular', size);
      doc.text(u.text, ctx.left, doc.y, opts);
      break;
    case 'item':
      setFont(ctx, 'regular', size);
      doc.text(u.text, ctx.left, doc.y, opts);
      break;
  }
  doc.x = ctx.left;
  doc.y += PARAGRAPH_SPACING_PT;
}

export function newPage(ctx: Ctx): void {
  ctx.doc.addPage();
  ctx.doc.x = ctx.left;
  ctx.doc.y = ctx.top;
}
