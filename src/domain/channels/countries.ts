import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js';

export interface ResolvedCountry {
  isoCountry: CountryCode;
  /** `+1`, `+44`. */
  callingCode: string;
  /** English short name: "United States". */
  name: string;
}

/** Names and ISO alpha-3 codes people type that the English region names do not cover. */
const ALIASES: Record<string, CountryCode> = {
  usa: 'US', america: 'US', 'united states of america': 'US', 'u s a': 'US', 'u s': 'US',
  uk: 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', gbr: 'GB',
  uae: 'AE', are: 'AE', 'czech republic': 'CZ', 'ivory coast': 'CI', holland: 'NL', 'south korea': 'KR', korea: 'KR',
  russia: 'RU', 'viet nam': 'VN', burma: 'MM', swaziland: 'SZ', 'east timor': 'TL', 'cape verde': 'CV', turkey: 'TR',
  can: 'CA', aus: 'AU', nzl: 'NZ', irl: 'IE', deu: 'DE', fra: 'FR', esp: 'ES', ita: 'IT', nld: 'NL', bel: 'BE',
  che: 'CH', aut: 'AT', swe: 'SE', nor: 'NO', dnk: 'DK', fin: 'FI', pol: 'PL', prt: 'PT', mex: 'MX', bra: 'BR',
  arg: 'AR', chl: 'CL', col: 'CO', per: 'PE', ind: 'IN', pak: 'PK', bgd: 'BD', chn: 'CN', jpn: 'JP', kor: 'KR',
  sgp: 'SG', mys: 'MY', idn: 'ID', phl: 'PH', tha: 'TH', vnm: 'VN', zaf: 'ZA', nga: 'NG', ken: 'KE', tza: 'TZ',
  uga: 'UG', gha: 'GH', egy: 'EG', mar: 'MA', isr: 'IL', sau: 'SA', tur: 'TR', rus: 'RU', ukr: 'UA', rwa: 'RW',
};

const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'.&(),-]/g, ' ')
    .replace(/\bthe\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

let byName: Map<string, CountryCode> | undefined;
const englishName = new Intl.DisplayNames(['en'], { type: 'region' });

function nameIndex(): Map<string, CountryCode> {
  if (byName) return byName;
  byName = new Map();
  for (const code of getCountries()) {
    const name = englishName.of(code);
    if (name) byName.set(normalise(name), code);
  }
  for (const [alias, code] of Object.entries(ALIASES)) byName.set(alias, code);
  return byName;
}

/** A country given as an English name ("USA", "United Kingdom") or an ISO code ("US", "gbr"); null when unknown. */
export function resolveCountry(input: string): ResolvedCountry | null {
  const key = normalise(input);
  if (!key || key.length > 60) return null;
  const upper = key.toUpperCase();
  const iso = (getCountries() as string[]).includes(upper) ? (upper as CountryCode) : nameIndex().get(key);
  if (!iso) return null;
  return { isoCountry: iso, callingCode: `+${getCountryCallingCode(iso)}`, name: englishName.of(iso) ?? iso };
}
