export type ProbeResult<T> = { ok: true; value: T; seconds: number } | { ok: false; error: string; seconds: number };

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Runs a probe with a deadline and measures it: health answers report every service's response time. */
export async function timedProbe<T>(probe: () => Promise<T>, timeoutMs = 3000): Promise<ProbeResult<T>> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000}s`)), timeoutMs);
  });
  try {
    const value = await Promise.race([probe(), deadline]);
    return { ok: true, value, seconds: round((performance.now() - start) / 1000) };
  } catch (err) {
    return { ok: false, error: (err as Error).message, seconds: round((performance.now() - start) / 1000) };
  } finally {
    clearTimeout(timer);
  }
}
