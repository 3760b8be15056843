import { createHash, randomBytes } from 'node:crypto';

/** Opaque tokens (API keys, refresh tokens, sessions, reset links) are stored only as their SHA-256. */
export const newOpaqueToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const newApiKey = () => randomBytes(20).toString('hex');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
