import { conflict } from '../../domain/shared/errors.js';

/**
 * What a unique violation no store translated means to a client: its request collided with an existing
 * or concurrent one (409), never a server fault. Stores that know the constraint answer better first.
 */
export const uniqueViolationConflict = () => conflict('This conflicts with an existing record; it may have been created by a concurrent request.');
