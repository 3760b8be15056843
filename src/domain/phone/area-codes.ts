import { classifyExchange } from './exchange-classifier.js';
import { EXCHANGES, FICTIONAL_LINES_PER_EXCHANGE, LINES_PER_EXCHANGE } from './nanp.js';
import { possibleLineTypes, type LineType } from './line-types.js';

/** The generation space of one area code: exchanges whose every number is valid, real-looking and alike. */
export interface AreaCodeSpace {
  areaCode: string;
  /** Ascending exchange codes (NXX) numbers may be generated in. */
  exchanges: number[];
  /** How many numbers those exchanges hold, less the fictional 555-01XX block. */
  capacity: number;
  countries: string[];
}

const spaces = new Map<string, AreaCodeSpace>();

/**
 * Every uniform, valid exchange of the area code, optionally only those whose numbers can have the
 * given line type. Memoised per process: the first call per area code parses ~800 sample numbers.
 */
export function areaCodeSpace(areaCode: string, lineType: LineType | null = null): AreaCodeSpace {
  const key = `${areaCode}:${lineType ?? ''}`;
  let space = spaces.get(key);
  if (!space) {
    space = computeSpace(areaCode, lineType);
    spaces.set(key, space);
  }
  return space;
}

function computeSpace(areaCode: string, lineType: LineType | null): AreaCodeSpace {
  const npa = Number(areaCode);
  const exchanges: number[] = [];
  const countries = new Set<string>();
  if (/^[2-9]\d\d$/.test(areaCode)) {
    for (const nxx of EXCHANGES) {
      const ex = classifyExchange(npa, nxx);
      if (!ex.valid || !ex.uniform) continue;
      if (lineType && !possibleLineTypes(ex.type).includes(lineType)) continue;
      exchanges.push(nxx);
      if (ex.country) countries.add(ex.country);
    }
  }
  const capacity = exchanges.length * LINES_PER_EXCHANGE - (exchanges.includes(555) ? FICTIONAL_LINES_PER_EXCHANGE : 0);
  return { areaCode, exchanges, capacity, countries: [...countries].sort() };
}

/** An assigned NANP area code has at least one exchange libphonenumber accepts. */
export function isAssignedAreaCode(areaCode: string): boolean {
  return areaCodeSpace(areaCode).capacity > 0;
}
