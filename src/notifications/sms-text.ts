/**
 * SMS text: Vietnamese without diacritics in the GSM 03.38 default alphabet (7-bit, 160 characters in one
 * message, 153 per part of a concatenated one), kept within two parts. A text with one Vietnamese letter left
 * would be sent as UCS-2 (70 characters a part), which is why every message is folded first.
 */

/** Longest text that goes as one message, and as two concatenated parts. */
export const SMS_SINGLE = 160;
export const SMS_TWO_PARTS = 2 * 153;

/** Characters of the GSM default alphabet that are also ASCII (each one septet); everything sent is one of these. */
const GSM_ASCII = /^[A-Za-z0-9 \n@$_!"#%&'()*+,\-./:;<=>?]*$/;

/** Typographic characters people type, written with the alphabet's own; the escape-table ones ([]{}…) cost two septets. */
const REPLACEMENTS: Record<string, string> = {
  '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u2018': "'", '\u2019': "'", '\u201C': '"', '\u201D': '"', '\u2026': '...',
  '\u00A0': ' ', '\t': ' ', '\r': '', '[': '(', ']': ')', '{': '(', '}': ')', '\\': '/', '|': '/', '~': '-', '^': ' ', '`': "'",
  '\u20AC': 'EUR', '\u00AB': '"', '\u00BB': '"', '\u2022': '-', '\u00B7': '-',
};

/** "Đăng ký khai sinh – bản sao" → "Dang ky khai sinh - ban sao": no diacritics (đ → d), GSM characters only ('?' for others). */
export function toGsmText(s: string): string {
  const folded = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  let out = '';
  for (const ch of folded) {
    const r = REPLACEMENTS[ch];
    out += r ?? (GSM_ASCII.test(ch) ? ch : '?');
  }
  return out;
}

/** Whether the text is sent in the 7-bit alphabet at one septet a character. */
export const isGsmText = (s: string): boolean => GSM_ASCII.test(s);

/** How many messages the text takes (texts of `toGsmText` only). */
export function smsParts(text: string): number {
  if (!isGsmText(text)) throw new Error('not GSM 7-bit text');
  return text.length <= SMS_SINGLE ? 1 : Math.ceil(text.length / 153);
}

/** Cuts a text to at most `max` characters, at a word boundary when one is near, ending with "...". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 4) return '';
  const cut = text.slice(0, max - 3);
  const space = cut.lastIndexOf(' ');
  return `${(space >= cut.length - 12 && space > 0 ? cut.slice(0, space) : cut).replace(/[\s,.;:-]+$/, '')}...`;
}

/**
 * Renders an SMS within `limit` characters: `render` builds the text from its slots (already GSM text), and when
 * it is too long the slots named in `shrinkable` are shortened in that order, each only as far as needed (to
 * nothing if it must). Everything else — the dossier code, dates, the lookup address — is never cut; a text that
 * cannot fit even with every shrinkable slot empty is a template bug and throws.
 */
export function fitSms<S extends Record<string, string>>(render: (slots: S) => string, slots: S, shrinkable: Array<keyof S>, limit = SMS_TWO_PARTS): string {
  const current: S = { ...slots };
  for (const [key, value] of Object.entries(slots)) current[key as keyof S] = toGsmText(value) as S[keyof S];
  let text = render(current);
  for (const key of shrinkable) {
    if (text.length <= limit) break;
    const full: string = current[key] ?? '';
    const over = text.length - limit;
    // shortening a slot by n characters shortens the text by n: aim straight at the limit, then correct for the "..."
    let max = Math.max(0, full.length - over);
    for (; max >= 0; max--) {
      current[key] = shorten(full, max) as S[keyof S];
      text = render(current);
      if (text.length <= limit) break;
    }
  }
  if (text.length > limit) throw new Error(`SMS template does not fit ${limit} characters even shortened: ${text.length}`);
  return text;
}
