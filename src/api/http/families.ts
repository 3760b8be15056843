/**
 * Each seed document keeps its own envelope. The family of a request follows from its path:
 * phone (seed 000), drf (001 and 002), mifumo (004), channels (003); /api/auth/ is shared by
 * 001 and 004 and answers with a superset of both.
 */
export type Family = 'phone' | 'drf' | 'mifumo' | 'auth' | 'channels';

const byPrefix: [string, Family][] = [
  ['/api/phone-generator/', 'phone'],
  ['/ws/', 'phone'],
  ['/api/messaging/broadcast/', 'drf'],
  ['/api/messaging/status/', 'drf'],
  ['/api/messaging/', 'mifumo'],
  ['/api/tenants', 'mifumo'],
  ['/api/billing/', 'mifumo'],
  ['/api/auth/', 'auth'],
  ['/api/channels', 'channels'],
];

export function familyOf(path: string): Family {
  for (const [prefix, family] of byPrefix) if (path.startsWith(prefix)) return family;
  return 'drf';
}
