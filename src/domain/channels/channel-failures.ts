import type { BusinessCode } from '../shared/business-codes.js';

/** Failures after which the provider certainly holds no number for the purchase. Pure: workflows import it. */
export const NOTHING_BOUGHT: readonly BusinessCode[] = ['NO_NUMBERS_AVAILABLE', 'PROVIDER_REFUSED'];
