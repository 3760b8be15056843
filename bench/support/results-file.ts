import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FigureRecord } from './report.js';

export const RESULTS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results/latest.json');

/** Rewrites bench/results/latest.json with every figure so far, so an interrupted run still leaves its lines. */
export function writeResults(run: { startedAt: string; settings: string[]; quantities: (number | undefined)[] }, figures: readonly FigureRecord[]) {
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  const body = { ...run, writtenAt: new Date().toISOString(), cpus: os.cpus().length, node: process.version, figures };
  writeFileSync(RESULTS_FILE, JSON.stringify(body, null, 2) + '\n');
}
