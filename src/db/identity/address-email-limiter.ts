import type pg from 'pg';
import { AttemptBudget, spendBoth } from './attempt-budget.js';
import { sha256 } from '../../domain/identity/secrets.js';

export interface AddressEmailLimits {
  perAddressPerHour: number;
  perEmailPerHour: number;
}

/**
 * Requests that send mail to an address (registration, password reset) spend a budget per source
 * address and one per target email, so neither one client nor a crowd of clients can flood one inbox.
 * An email is counted whether or not it has an account, so a refusal reveals nothing.
 */
export class AddressEmailLimiter {
  private readonly byAddress: AttemptBudget;
  private readonly byEmail: AttemptBudget;

  constructor(pool: pg.Pool, name: string, limits: AddressEmailLimits, refusal: string) {
    this.byAddress = new AttemptBudget(pool, { name: `${name}_ip`, points: limits.perAddressPerHour, seconds: 3600, refusal });
    this.byEmail = new AttemptBudget(pool, { name: `${name}_email`, points: limits.perEmailPerHour, seconds: 3600, refusal });
  }

  spend(clientIp: string, email: string): Promise<void> {
    return spendBoth(this.byAddress, clientIp, this.byEmail, sha256(email.trim().toLowerCase()).slice(0, 40));
  }
}
