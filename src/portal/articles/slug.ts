import { foldDiacritics } from '../../platform/i18n/text.js';

/** The longest slug we make; longer titles are cut at a word boundary. */
export const MAX_SLUG_LENGTH = 80;
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** "Xã Tứ Mỹ tổ chức Ngày hội" -> "xa-tu-my-to-chuc-ngay-hoi": no diacritics (đ -> d), lower case, words joined by '-'. */
export function slugify(title: string, fallback = 'bai-viet'): string {
  const words = foldDiacritics(title.normalize('NFC'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > MAX_SLUG_LENGTH) {
      if (!slug) slug = w.slice(0, MAX_SLUG_LENGTH);
      break;
    }
    slug = next;
  }
  return slug || fallback;
}

/** The slug itself when free, else the first free "slug-2", "slug-3", … among `taken`. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
