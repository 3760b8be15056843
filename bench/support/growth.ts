/**
 * Growth: a figure measured at several quantities, each compared with the smallest. A `per-row` figure
 * is a total, so its cost per row is compared; a `per-call` figure (one read) is compared as it is.
 * Goal: within 1.3× of the cost at the smallest quantity.
 */
import { reportFigure, setReportContext, type FigureRecord, type RunContext } from './report.js';

export const GROWTH_GOAL = 1.3;

export function reportGrowth(records: readonly FigureRecord[], durability: string) {
  const series = new Map<string, FigureRecord[]>();
  for (const r of records) {
    if (!r.growth || r.quantity === undefined || r.durability !== durability) continue;
    const key = `${r.bench}\u0000${r.name}`;
    series.set(key, [...(series.get(key) ?? []), r]);
  }
  for (const points of series.values()) {
    const sorted = [...points].sort((a, b) => a.quantity! - b.quantity!);
    const base = sorted[0];
    for (const point of sorted.slice(1)) {
      if (point.quantity === base.quantity) continue;
      const context: RunContext = { bench: point.bench, quantity: point.quantity, durability };
      setReportContext(context);
      const cost = (r: FigureRecord) => (r.growth === 'per-row' ? perRow(r) : { value: r.figure, unit: r.unit });
      const at = cost(point);
      reportFigure({
        name: `growth ${point.name} at ${point.quantity!.toLocaleString('en-US')}`,
        figure: at.value,
        unit: at.unit,
        floor: cost(base).value,
        floorLabel: `at ${base.quantity!.toLocaleString('en-US')}`,
        goal: { ratio: GROWTH_GOAL },
      });
    }
  }
}

function perRow(r: FigureRecord) {
  return r.unit === 's' ? { value: (r.figure * 1e6) / r.quantity!, unit: 'µs/row' } : { value: r.figure / r.quantity!, unit: `${r.unit}/row` };
}
