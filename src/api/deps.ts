import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { TemporalHandle } from '../temporal/client.js';
import type { Logger } from '../logger.js';
import type { JwtIssuer } from '../domain/identity/jwt.js';
import type { Authenticator } from '../app/identity/authenticator.js';
import type { Mailer } from '../domain/identity/mailer.js';
import type { ApiLifecycle } from './http/lifecycle.js';

/** Everything a router may use; built once per API process by `bootstrapApi`. */
export interface ApiDeps {
  config: Config;
  db: Database;
  temporal: TemporalHandle;
  logger: Logger;
  jwt: JwtIssuer;
  authenticator: Authenticator;
  mailer: Mailer;
  /** Set when the process begins to stop: readiness fails and connections close. */
  lifecycle: ApiLifecycle;
}
