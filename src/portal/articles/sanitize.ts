import sanitizeHtml from 'sanitize-html';

/**
 * Where an image in an article body may come from: only an image stored by this site (/tep/anh/<sha256>.<ext>).
 * Images of other sites would let them see every reader (privacy), break offline and on slow links, and are
 * blocked anyway by the pages' Content-Security-Policy (img-src 'self'); editors upload the image instead.
 */
const IMAGE_SRC = /^\/tep\/anh\/[a-f0-9]{64}\.[a-z0-9]{2,5}$/;
/** Links: http, https, mailto, or a path on this site ("/thu-tuc/…"; never protocol-relative "//host"). */
const LINK_HREF = /^(https?:\/\/|mailto:|\/(?!\/))/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'u', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'a', 'img',
    'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: {
    a: ['href', 'rel'],
    img: ['src', 'alt'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => {
      const href = (attribs.href ?? '').trim();
      const kept: sanitizeHtml.Attributes = LINK_HREF.test(href) ? { href, rel: 'noopener' } : {};
      return { tagName, attribs: kept };
    },
    img: (tagName, attribs) => {
      const src = (attribs.src ?? '').trim();
      const kept: sanitizeHtml.Attributes = IMAGE_SRC.test(src) ? { src, alt: attribs.alt ?? '' } : {};
      return { tagName, attribs: kept };
    },
  },
  // an image whose address was refused has nothing to show
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/**
 * The article body reduced to the allow-list: paragraphs, headings h2–h4, lists, quotes, links (http/https/mailto
 * or this site, rel="noopener"), images stored by this site (with alt) and simple tables. Scripts, styles, event
 * attributes, frames and javascript:/data: addresses are removed. Used when saving and again when rendering.
 */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html.normalize('NFC'), OPTIONS).trim();
}

/** The visible text of an HTML fragment (for "is the body empty?" and for descriptions). */
export function textOf(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}
