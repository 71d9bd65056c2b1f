import { createHash, randomBytes } from 'node:crypto';

/** Session ids and API tokens are random; only their SHA-256 is stored, so a database leak gives no usable credential. */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');
export const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');
