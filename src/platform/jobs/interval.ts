/**
 * Runs a background job every `intervalMs` in this instance: never two runs at once (a slow run makes the next tick
 * skip), errors reported, the timer does not keep the process alive. Returns the stop function, which waits for a
 * run in progress. Jobs shared by several instances claim their work in the database (FOR UPDATE SKIP LOCKED).
 */
export function everyInterval(intervalMs: number, run: () => Promise<unknown>, onError: (err: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = run().catch(onError).finally(() => { running = null; });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
