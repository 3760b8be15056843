/** The most arrivals in any window `[t, t + windowMs)`, for arrival times in milliseconds. */
export function maxInAnyWindow(arrivalsMs: number[], windowMs = 1000): number {
  const t = [...arrivalsMs].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; first < t.length; first++) {
    while (last < t.length && t[last] < t[first] + windowMs) last++;
    most = Math.max(most, last - first);
  }
  return most;
}
