import { readFileSync } from 'node:fs';

/** Samples a process's resident set size from /proc every `everyMs` and keeps the peak (Linux only). */
export function sampleRss(pid: number, everyMs = 100): { peakMb(): number; stop(): number } {
  let peakKb = 0;
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // process gone or not Linux: keep what was seen
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    peakMb: () => peakKb / 1024,
    stop() {
      clearInterval(timer);
      read();
      return peakKb / 1024;
    },
  };
}
