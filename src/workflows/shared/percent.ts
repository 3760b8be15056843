/** `part` of `whole` as a percentage with two decimals; 100 when there was nothing to do. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((10_000 * part) / whole) / 100 : 100;
}
