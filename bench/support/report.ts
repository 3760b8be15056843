/**
 * One line per figure: name | figure | floor | ratio | goal | met/short | load avg. Each line is also kept
 * as a record, so bench/run.ts can write the run to bench/results/latest.json and derive growth lines.
 * The ratio is always "times worse than the floor": figure / floor when lower is better, floor / figure
 * when higher is better.
 */
import os from 'node:os';

/** `ratio`: the figure within that many times its floor; `value`: the figure at most (or at least, if higher is better) that. */
export type Goal = { ratio: number } | { value: number };

/** How a figure scales with the rows: a total over them (compared per row), or one call's cost (compared as is). */
export type Growth = 'per-row' | 'per-call';

export interface FigureInput {
  name: string;
  /** Printed after the name; not part of the figure's identity across quantities. */
  note?: string;
  figure: number;
  unit: string;
  floor?: number;
  floorLabel?: string;
  goal?: Goal;
  higherIsBetter?: boolean;
  growth?: Growth;
}

export interface FigureRecord extends FigureInput {
  bench: string;
  quantity?: number;
  durability: string;
  ratio?: number;
  met?: boolean;
  /** The line as printed. */
  line?: string;
  loadAvg: number[];
  at: string;
}

export interface RunContext {
  bench: string;
  quantity?: number;
  durability: string;
}

const records: FigureRecord[] = [];
let context: RunContext = { bench: '', durability: '' };
let print: (line: string) => void = (line) => console.log(line);

export function setReportContext(next: RunContext, log?: (line: string) => void) {
  context = next;
  if (log) print = log;
}

export function reportedFigures(): readonly FigureRecord[] {
  return records;
}

export function reportFigure(input: FigureInput): FigureRecord {
  const ratio = input.floor === undefined || !(input.floor > 0) || !(input.figure > 0) ? undefined : input.higherIsBetter ? input.floor / input.figure : input.figure / input.floor;
  const record: FigureRecord = { ...input, ...context, ratio, met: meets(input, ratio), loadAvg: os.loadavg(), at: new Date().toISOString() };
  record.line = formatFigure(record);
  records.push(record);
  print(record.line);
  return record;
}

function meets(input: FigureInput, ratio: number | undefined): boolean | undefined {
  if (!input.goal) return undefined;
  if ('ratio' in input.goal) return ratio === undefined ? undefined : ratio <= input.goal.ratio;
  return input.higherIsBetter ? input.figure >= input.goal.value : input.figure <= input.goal.value;
}

export function formatFigure(r: FigureRecord): string {
  const c = figureCells(r);
  return [r.note ? `${r.name} (${r.note})` : r.name, c.figure, c.floor, c.ratio, c.goal, c.met, `load ${c.load}`].join(' | ');
}

export function figureCells(r: FigureRecord) {
  return {
    figure: amount(r.figure, r.unit),
    floor: r.floor === undefined ? '—' : `${amount(r.floor, r.unit)}${r.floorLabel ? ` (${r.floorLabel})` : ''}`,
    ratio: r.ratio === undefined ? '—' : `${r.ratio.toFixed(2)}×`,
    goal: !r.goal ? '—' : 'ratio' in r.goal ? `≤ ${r.goal.ratio}×` : `${r.higherIsBetter ? '≥' : '≤'} ${r.goal.value.toLocaleString('en-US')} ${r.unit}`,
    met: r.met === undefined ? '—' : r.met ? 'met' : 'short',
    load: r.loadAvg.map((l) => l.toFixed(2)).join(' '),
  };
}

export function amount(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `${value} ${unit}`;
  const digits = Math.abs(value) >= 1000 ? 0 : Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}
