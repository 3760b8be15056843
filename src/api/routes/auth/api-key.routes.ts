import type { Identity } from '../../../app/identity/identity.js';
import { principalOf } from '../../http/context.js';
import type { Routes } from '../../http/routes.js';
import { authResponses as r } from './auth.responses.js';
import { generateKeyBody, revokeKeyBody } from './auth.schemas.js';

/** Seed 004's API key management; keys work at once as `Authorization: Token` and stop at once when revoked. */
export function addApiKeyRoutes(routes: Routes, identity: Identity) {
  routes.post('/api-key/generate/', { summary: 'Generate an API key (the plain key is shown only once)', body: generateKeyBody, response: r.keyGenerated }, async (ctx) => {
    const key = await identity.apiKeys.generate(principalOf(ctx).userId, ctx.state.body.name);
    return {
      success: true,
      message: 'API key generated. Store it now: it is shown only once.',
      data: { api_key: key.key, key: key.key, id: key.id, prefix: key.prefix, name: key.name, created_at: key.created_at },
    };
  });

  routes.post('/api-key/revoke/', { summary: 'Revoke one API key by id or key, or all of the caller’s keys', body: revokeKeyBody, response: r.keysRevoked, errors: [404] }, async (ctx) => {
    const userId = principalOf(ctx).userId;
    const { id, api_key } = ctx.state.body;
    const revoked = id !== undefined || api_key ? await identity.apiKeys.revoke(userId, { id, key: api_key }) : await identity.apiKeys.revokeAll(userId);
    return { success: true, message: revoked === 1 ? 'API key revoked' : `${revoked} API keys revoked`, data: { revoked } };
  });
}
