import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The web's static files under fingerprinted addresses (/static/app.<hash>.css): the address changes with the
 * content, so browsers may keep them a year without asking again (`immutable`). Compressed once at start-up
 * (brotli and gzip), served in the form the browser accepts.
 */
export interface Asset {
  /** e.g. /static/app.5PqZc3u1n2Qw.css */
  url: string;
  type: string;
  etag: string;
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';

function asset(file: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12);
  const dot = file.lastIndexOf('.');
  return {
    url: `/static/${file.slice(0, dot)}.${hash}${file.slice(dot)}`,
    type,
    etag: `"${hash}"`,
    body,
    gzip: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  };
}

export const ASSETS = {
  css: asset('app.css', 'text/css; charset=utf-8'),
  favicon: asset('favicon.svg', 'image/svg+xml'),
  /** the comment form's proof of work (portal/feedback) */
  commentScript: asset('binh-luan.js', 'text/javascript; charset=utf-8'),
} as const;

/** Which stored encoding to send for an Accept-Encoding header: br, then gzip, else none (q=0 refuses a coding). */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}
