import type pg from 'pg';
import { AttemptBudget, spendBoth } from './attempt-budget.js';
import { sha256 } from '../../domain/identity/secrets.js';
import type { UserDirectory } from './user-directory.js';

const HOUR = 3600;

export interface LoginLimits {
  /** Seed 001's "5 login attempts per hour per IP", counted as failed attempts. */
  failuresPerAddressPerHour: number;
  /** Failed attempts at one account per hour, from any number of addresses. */
  failuresPerAccountPerHour: number;
}

/**
 * Throttles password checks (login, seed 002's token endpoint) by failures, per source address and per
 * account. Each check first reserves an attempt in both budgets, so a burst of parallel guesses cannot
 * outrun the counters; a check that succeeds gives its attempts back, so colleagues signing in behind one
 * NAT spend nothing. A spent budget refuses the check before the password is looked at, right or wrong,
 * which is what keeps a guesser from learning anything. Unknown accounts are counted like known ones, so
 * a refusal tells nothing about which exist.
 */
export class LoginLimiter {
  private readonly byAddress: AttemptBudget;
  private readonly byAccount: AttemptBudget;

  constructor(pool: pg.Pool, limits: LoginLimits, private readonly users: UserDirectory) {
    this.byAddress = new AttemptBudget(pool, {
      name: 'login',
      points: limits.failuresPerAddressPerHour,
      seconds: HOUR,
      refusal: 'Too many login attempts. Try again in {s} seconds.',
    });
    this.byAccount = new AttemptBudget(pool, {
      name: 'login_account',
      points: limits.failuresPerAccountPerHour,
      seconds: HOUR,
      refusal: 'Too many failed login attempts for this account. Try again in {s} seconds.',
    });
  }

  /** Runs `check` (null means the credentials were wrong) within both budgets. */
  async guard<T>(clientIp: string, identifier: string, check: () => Promise<T | null>): Promise<T | null> {
    const account = await this.accountKey(identifier);
    await spendBoth(this.byAddress, clientIp, this.byAccount, account);
    let result: T | null = null;
    try {
      result = await check();
    } finally {
      if (result !== null) await Promise.all([this.byAddress.refund(clientIp), this.byAccount.refund(account)]);
    }
    return result;
  }

  /** One key per account whichever of its names is typed; an unknown name is keyed by its digest. */
  private async accountKey(identifier: string): Promise<string> {
    const user = await this.users.byLogin(identifier);
    return user ? `u${user.id}` : `n${sha256(identifier.trim().toLowerCase()).slice(0, 40)}`;
  }
}
