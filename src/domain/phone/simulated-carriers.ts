import type { LineType } from './line-types.js';

/** Weighted carrier names the simulated lookup deals out per thousands-block. */
type Weighted = readonly (readonly [string, number])[];

const US: Partial<Record<LineType, Weighted>> = {
  mobile: [['AT&T', 35], ['Verizon', 35], ['T-Mobile', 25], ['US Cellular', 5]],
  landline: [['AT&T', 40], ['Verizon', 25], ['Lumen', 20], ['Frontier', 15]],
  voip: [['Bandwidth', 45], ['Twilio', 20], ['Vonage', 20], ['Onvoy', 15]],
  'toll-free': [['AT&T', 40], ['Verizon', 30], ['Lumen', 30]],
};

const CA: Partial<Record<LineType, Weighted>> = {
  mobile: [['Rogers', 35], ['Bell', 35], ['Telus', 25], ['Freedom Mobile', 5]],
  landline: [['Bell', 60], ['Telus', 30], ['Rogers', 10]],
  voip: [['Iristel', 50], ['Bandwidth', 50]],
};

const CARIBBEAN: Partial<Record<LineType, Weighted>> = {
  mobile: [['Digicel', 55], ['Flow', 45]],
  landline: [['Flow', 70], ['Digicel', 30]],
  voip: [['Digicel', 50], ['Flow', 50]],
};

const US_LIKE = new Set(['US', 'PR', 'VI', 'GU', 'MP', 'AS']);

/** Line types of US and Canadian (FIXED_LINE_OR_MOBILE) blocks, by weight. */
export const GEOGRAPHIC_MIX: Weighted = [['mobile', 60], ['landline', 25], ['voip', 15]];

export function carriersFor(country: string | undefined, lineType: LineType): Weighted {
  const table = country === 'CA' ? CA : US_LIKE.has(country ?? 'US') ? US : CARIBBEAN;
  return table[lineType] ?? table.landline ?? US.landline!;
}

/** The entry a 32-bit hash lands on, in proportion to the weights. */
export function pick(weighted: Weighted, hash: number): string {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let at = hash % total;
  for (const [name, w] of weighted) {
    if (at < w) return name;
    at -= w;
  }
  return weighted[0][0];
}
