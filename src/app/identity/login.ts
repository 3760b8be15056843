import { unauthenticated, validationError } from '../../domain/shared/errors.js';
import type { ApiKeys } from '../../db/identity/api-keys.js';
import type { CredentialChecker } from './credentials.js';
import type { LoginLimiter } from '../../db/identity/login-limiter.js';
import type { SessionStore } from '../../db/identity/sessions.js';
import type { Queryable } from '../../db/queryable.js';
import type { TokenPair, TokenPairs } from './token-pair.js';
import type { UserDirectory } from '../../db/identity/user-directory.js';
import type { UserView } from '../../domain/identity/user-view.js';

const BAD_CREDENTIALS = 'Invalid credentials.';

export interface LoginResult {
  user: UserView;
  tokens: TokenPair;
  /** For seed 001's session cookie. */
  sessionToken: string;
}

/** Signs a user in by email or username: a session, a JWT pair, and last_login. */
export class Login {
  constructor(
    private readonly sql: Queryable,
    private readonly users: UserDirectory,
    private readonly credentials: CredentialChecker,
    private readonly sessions: SessionStore,
    private readonly tokenPairs: TokenPairs,
    private readonly apiKeys: ApiKeys,
    private readonly limiter: LoginLimiter,
  ) {}

  /** Only failed checks spend the caller's address and the account's budgets. */
  private check(identifier: string, password: string, clientIp: string) {
    return this.limiter.guard(clientIp, identifier, () => this.credentials.check(identifier, password));
  }

  async login(identifier: string, password: string, clientIp: string): Promise<LoginResult> {
    const user = await this.check(identifier, password, clientIp);
    if (!user) throw unauthenticated(BAD_CREDENTIALS);
    await this.sql.query(`update users set last_login = now() where id = $1`, [user.id]);
    await this.users.repairActiveTenant(user.id);
    const [tokens, sessionToken] = await Promise.all([this.tokenPairs.issue(user.id), this.sessions.create(user.id)]);
    return { user: (await this.users.view(user.id))!, tokens, sessionToken };
  }

  /** Seed 002's `POST /api/auth/token/`: DRF's obtain-auth-token, answered with a new API key. */
  async obtainApiToken(username: string, password: string, clientIp: string): Promise<{ token: string; user_id: number; username: string }> {
    const user = await this.check(username, password, clientIp);
    if (!user) throw validationError({ non_field_errors: ['Unable to log in with provided credentials.'] }, 'Unable to log in with provided credentials.');
    await this.users.repairActiveTenant(user.id);
    const key = await this.apiKeys.generate(user.id, 'api-token');
    return { token: key.key, user_id: user.id, username: user.username };
  }
}
