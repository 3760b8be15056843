/** ApplicationFailure types of the channel workflows; the API maps them to statuses. Pure: workflows import it. */
export const CHANNEL_FAILURE = {
  noNumbers: 'NoNumbersAvailable',
  refused: 'NumberPurchaseRefused',
  unavailable: 'NumberProviderUnavailable',
  taken: 'PhoneNumberTaken',
} as const;

/** Failures after which the provider certainly holds no number for the purchase. */
export const NOTHING_BOUGHT: readonly string[] = [CHANNEL_FAILURE.noNumbers, CHANNEL_FAILURE.refused];
