import type { Principal } from '../../../domain/identity/principal.js';
import { fieldError, forbidden } from '../../../domain/shared/errors.js';

/** True when a seed-000 `user_id` names this principal: its numeric id, username or email. */
export function namesPrincipal(principal: Principal, userId: string): boolean {
  const v = userId.trim().toLowerCase();
  return v === String(principal.userId) || v === principal.username.toLowerCase() || v === principal.email.toLowerCase();
}

/**
 * Seed 000 sends `user_id` with every call. It never widens access: it must name the caller, or the
 * request is refused before anything happens.
 */
export function assertCallerUserId(principal: Principal, userId: unknown, required = true): void {
  if (userId === undefined || userId === null || userId === '') {
    if (required) throw fieldError('user_id', 'This field is required.');
    return;
  }
  if (!namesPrincipal(principal, String(userId))) throw forbidden('user_id does not belong to the authenticated user.', 'user_id');
}
