import { classifyExchange } from '../phone/exchange-classifier.js';
import { EXCHANGES, isFictional, isN11, LINES_PER_EXCHANGE, toE164 } from '../phone/nanp.js';

/** Countries with area codes enough for a random one to hit often (1 in 2 for the US, 1 in 20 for Canada). */
const MANY_AREA_CODES = new Set(['US', 'CA']);
const DRAWS = 2000;
const USABLE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'FIXED_LINE']);
/**
 * 555 is the exchange of fiction and directory assistance: seed 000's generator leaves out its fictional
 * 01XX block, but a provisioned line in 555 reads as fake, so simulated purchases skip the whole exchange.
 */
const AVOIDED_EXCHANGE = 555;

const usable = (npa: number, nxx: number, isoCountry: string) => {
  if (nxx === AVOIDED_EXCHANGE || isN11(nxx) || isN11(npa)) return false;
  const ex = classifyExchange(npa, nxx);
  return ex.valid && ex.uniform && ex.country === isoCountry && USABLE_TYPES.has(ex.type ?? '');
};

/**
 * A +1 number of the country by seed 000's NANP rules: an area code and exchange that libphonenumber
 * accepts for the country as a whole (no N11 exchange, no split exchange), a line outside the fictional
 * block. Countries with only a few area codes would rarely be hit by a random one; there the exchange
 * is drawn in the example number's area code (`fallbackNpa`). Null when no draw succeeds.
 */
export function simulatedNanpNumber(isoCountry: string, fallbackNpa: string, random: () => number): string | null {
  const anyAreaCode = MANY_AREA_CODES.has(isoCountry);
  for (let i = 0; i < DRAWS; i++) {
    const npa = anyAreaCode ? 200 + Math.floor(random() * 800) : Number(fallbackNpa);
    const nxx = EXCHANGES[Math.floor(random() * EXCHANGES.length)];
    if (usable(npa, nxx, isoCountry)) return numberIn(npa, nxx, () => Math.floor(random() * LINES_PER_EXCHANGE));
  }
  return null;
}

function numberIn(npa: number, nxx: number, line: () => number): string {
  let l = line();
  while (isFictional(nxx, l)) l = line();
  return toE164(npa, nxx, l);
}
