import type { Principal } from '../../domain/identity/principal.js';

/** The seed 000 greeting, with the caller's id so a client can check whom it is listening as. */
export function connectionEstablished(principal: Principal) {
  return { type: 'connection_established', message: 'Connected to task progress updates', user_id: principal.userId } as const;
}
