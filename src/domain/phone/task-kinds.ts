/** Task kinds of phone jobs; the `phone-` prefix is what the WebSocket gateway listens for. */
export const PHONE_GENERATION_KIND = 'phone-generation';
export const PHONE_VALIDATION_KIND = 'phone-validation';
export const PHONE_GENERATION_NAME = 'Phone Number Generation';
export const PHONE_VALIDATION_NAME = 'Phone Number Validation';
