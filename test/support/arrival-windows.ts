/** The most arrivals in any window `[t, t + windowMs)`, for arrival times in milliseconds. */
export const maxInAnyWindow = (arrivalsMs: number[], windowMs = 1000): number => fullestWindow(arrivalsMs, windowMs).length;

/** The arrivals of the fullest such window, as offsets from its first one (to see how they bunched). */
export function fullestWindow(arrivalsMs: number[], windowMs = 1000): number[] {
  const t = [...arrivalsMs].sort((a, b) => a - b);
  let best: number[] = [];
  for (let first = 0, last = 0; first < t.length; first++) {
    while (last < t.length && t[last] < t[first] + windowMs) last++;
    if (last - first > best.length) best = t.slice(first, last).map((x) => x - t[first]);
  }
  return best;
}
