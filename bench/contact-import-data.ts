import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez'];
const INDUSTRY = ['Technology', 'Healthcare', 'Finance', 'Retail', 'Manufacturing'];
const CITY = [['San Francisco', 'CA'], ['New York', 'NY'], ['Austin', 'TX'], ['Boston', 'MA'], ['Seattle', 'WA']];
const AREA = [415, 212, 512, 617, 206, 303, 312, 404, 503, 702];

export const CONTACT_CSV_COLUMNS = ['First Name', 'Last Name', 'Email', 'Phone', 'Company', 'Title', 'City', 'State', 'Country', 'Industry', 'Employees', 'Website'];

/**
 * A seed-001-style contact export of `rows` rows (about 190 bytes each), written as a stream. Every row
 * is a distinct person: unique email, and a unique valid US number in national format.
 */
export async function writeContactCsv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let buf = CONTACT_CSV_COLUMNS.join(',') + '\n';
  for (let i = 0; i < rows; i++) {
    const first = FIRST[i % 10];
    const last = LAST[Math.floor(i / 10) % 10];
    const [city, state] = CITY[i % 5];
    // (area, exchange) fixes i mod 7000 and the line number the rest, so no two rows share a number.
    const phone = `(${AREA[i % 10]}) ${200 + (Math.floor(i / 10) % 700)}-${String(Math.floor(i / 7000)).padStart(4, '0')}`;
    buf +=
      `${first},${last},${first.toLowerCase()}.${last.toLowerCase()}.${i}@example.com,${phone},Company ${i % 5000} Holdings,` +
      `Senior Vice President of Operations,${city},${state},United States,${INDUSTRY[i % 5]},${(i % 900) + 10},https://company${i % 5000}.example.com\n`;
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  bytes += Buffer.byteLength(buf);
  out.end(buf);
  await once(out, 'finish');
  return bytes;
}
