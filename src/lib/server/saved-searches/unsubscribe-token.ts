import { createHash, createHmac } from 'node:crypto';

/**
 * The token of a saved search's unsubscribe link: derived from its id with the server secret, so
 * every alert of that search carries the same link and older letters keep working. The database
 * stores only sha256(token) (public.saved_searches.unsubscribe_token_hash).
 */
export function unsubscribeToken(savedSearchId: string, secret: string): string {
  return createHmac('sha256', secret).update(`saved-search-unsubscribe:${savedSearchId}`).digest('base64url');
}

/** What the database keeps of a token: the same as encode(digest(token, 'sha256'), 'hex'). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
