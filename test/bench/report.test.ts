import { reportFigure, reportedFigures, setReportContext } from '../../bench/support/report.js';
import { reportGrowth } from '../../bench/support/growth.js';
import { benchDurabilities, benchQuantities } from '../../bench/support/run-options.js';

const printed: string[] = [];
setReportContext({ bench: 'b', quantity: 100_000, durability: 'fsync=on synchronous_commit=on' }, (line) => printed.push(line));

describe('bench figure lines', () => {
  test('when a time is reported beside its floor, then the line is name | figure | floor | ratio | goal | met | load average', () => {
    const r = reportFigure({ name: 'copy-like', figure: 3, unit: 's', floor: 2, floorLabel: 'COPY', goal: { ratio: 1.3 } });
    expect(r.ratio).toBeCloseTo(1.5);
    expect(r.met).toBe(false);
    expect(printed.at(-1)).toMatch(/^copy-like \| 3\.00 s \| 2\.00 s \(COPY\) \| 1\.50× \| ≤ 1\.3× \| short \| load \d+\.\d\d \d+\.\d\d \d+\.\d\d$/);
  });

  test('when higher is better, then the ratio is floor over figure and an absolute goal is a minimum', () => {
    const r = reportFigure({ name: 'rate', figure: 400, unit: 'req/s', floor: 800, goal: { value: 300 }, higherIsBetter: true });
    expect(r.ratio).toBeCloseTo(2);
    expect(r.met).toBe(true);
  });

  test('when a per-row total is reported at two quantities, then the growth line compares the cost per row', () => {
    setReportContext({ bench: 'g', quantity: 100_000, durability: 'd' });
    reportFigure({ name: 'total', figure: 10, unit: 's', growth: 'per-row' });
    setReportContext({ bench: 'g', quantity: 1_000_000, durability: 'd' });
    reportFigure({ name: 'total', figure: 120, unit: 's', growth: 'per-row' });
    reportGrowth(reportedFigures(), 'd');
    const growth = reportedFigures().at(-1)!;
    expect(growth).toMatchObject({ name: 'growth total at 1,000,000', unit: 'µs/row', goal: { ratio: 1.3 }, met: true });
    expect(growth.figure).toBeCloseTo(120);
    expect(growth.floor).toBeCloseTo(100);
  });
});

describe('bench run options', () => {
  test('when nothing is set, then benches run durable at their own size', () => {
    expect(benchDurabilities({})).toEqual(['durable']);
    expect(benchQuantities({})).toEqual([undefined]);
  });

  test('when growth or a list is asked for, then each quantity runs, smallest first', () => {
    expect(benchQuantities({ BENCH_GROWTH: '1' })).toEqual([100_000, 1_000_000]);
    expect(benchQuantities({ BENCH_QUANTITY: '1000000, 100000' })).toEqual([100_000, 1_000_000]);
    expect(benchDurabilities({ BENCH_DURABILITY: 'both' })).toEqual(['durable', 'fast']);
    expect(() => benchDurabilities({ BENCH_DURABILITY: 'quick' })).toThrow(/durable, fast or both/);
  });
});
