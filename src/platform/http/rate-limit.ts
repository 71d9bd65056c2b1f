/**
 * A fixed-window counter per key, kept in this process (each instance limits on its own;
 * the account lockout, which is in the database, is the limit that holds across instances).
 */
export function createRateLimiter(opts: { limit: number; windowMs: number; now?: () => number; maxKeys?: number }) {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 100_000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one hit; returns the milliseconds to wait when over the limit, or 0 when allowed. */
    hit(key: string): number {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= opts.windowMs) {
        if (windows.size >= maxKeys) windows.clear();
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count > opts.limit ? opts.windowMs - (t - w.start) : 0;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
