/**
 * Prints bench/results/latest.json as Markdown table rows (figure, floor, ratio, goal, met), the run's
 * settings and load average, for docs/performance.md. Usage: npx tsx bench/results-table.ts [file]
 */
import { readFileSync } from 'node:fs';
import { figureCells, type FigureRecord } from './support/report.js';
import { RESULTS_FILE } from './support/results-file.js';

const run = JSON.parse(readFileSync(process.argv[2] ?? RESULTS_FILE, 'utf8')) as { startedAt: string; settings: string[]; cpus: number; figures: FigureRecord[] };
const loads = run.figures.map((f) => f.loadAvg[0]);
console.log(`Run ${run.startedAt}, ${run.settings.join(' / ')}, ${run.cpus} CPUs, 1-minute load average ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`);
console.log('| figure | quantity | settings | value | floor | ratio | goal | met | load avg |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const f of run.figures) {
  const c = figureCells(f);
  console.log(`| ${[f.name, f.quantity?.toLocaleString('en-US') ?? '—', f.durability, c.figure, c.floor, c.ratio, c.goal, c.met, c.load].join(' | ')} |`);
}
