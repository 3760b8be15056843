import { validationError } from '../shared/errors.js';

/** Django's username alphabet; length as Django's default user model. */
export const USERNAME_PATTERN = /^[\w.@+-]{1,150}$/;

/**
 * Login accepts an email or a username, so a username that looks like an email must be the user's
 * own email; otherwise one account could shadow another's login.
 */
export function assertUsernameFor(email: string, username: string) {
  if (username.includes('@') && username.toLowerCase() !== email.toLowerCase()) {
    throw validationError({ username: ['A username containing "@" must be your own email address.'] });
  }
}
