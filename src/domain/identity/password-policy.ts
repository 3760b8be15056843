import { validationError } from '../shared/errors.js';
import { passwordProblems } from './passwords.js';

/** Refuses a new password that breaks the policy or does not match its confirmation (when one was sent). */
export function assertNewPassword(password: string, confirmation: string | undefined, field = 'new_password', confirmField = 'confirm_password') {
  const problems = passwordProblems(password);
  if (problems.length) throw validationError({ [field]: problems }, problems[0]);
  if (confirmation !== undefined && confirmation !== password) {
    throw validationError({ [confirmField]: ['Passwords do not match.'] }, 'Passwords do not match.');
  }
}
