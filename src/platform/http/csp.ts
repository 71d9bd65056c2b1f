/**
 * The Content-Security-Policy of every page, in one place. Pages load nothing from other origins; a route that must
 * (the commune map's online base layer) sets `contentSecurityPolicy({ imgSrc: [origin] })` on its own response, and the
 * server's onSend hook leaves a policy a route has set alone.
 */
export interface CspExtras {
  /** Origins (scheme://host[:port], no path) from which the page may also load images. */
  imgSrc?: readonly string[];
}

export function contentSecurityPolicy(extras: CspExtras = {}): string {
  const images = ["'self'", 'data:', ...(extras.imgSrc ?? [])].join(' ');
  return `default-src 'self'; img-src ${images}; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
}
