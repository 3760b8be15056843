import type { Identity } from '../../../app/identity/identity.js';
import { splitName } from '../../../domain/identity/user-view.js';
import type { Routes } from '../../http/routes.js';
import { authResponses as r } from './auth.responses.js';
import { loginBody, logoutBody, obtainTokenBody, refreshBody, registerBody } from './auth.schemas.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie.js';

/** Register, login (JWT pair + session cookie), logout, refresh rotation, and seed 002's token endpoint. */
export function addSignInRoutes(routes: Routes, identity: Identity, opts: { secureCookie: boolean }) {
  routes.post('/register/', { summary: 'Create an account and its own tenant (seed 004)', public: true, body: registerBody, response: r.registered, status: 201, errors: [409, 429] }, async (ctx) => {
    const b = ctx.state.body;
    const fromName = b.name !== undefined ? splitName(b.name) : { firstName: '', lastName: '' };
    const { user, tokens, tenant, joined } = await identity.registration.register(
      {
        email: b.email,
        password: b.password,
        passwordConfirmation: b.password_confirm ?? b.confirm_password,
        firstName: b.first_name ?? fromName.firstName,
        lastName: b.last_name ?? fromName.lastName,
        username: b.username,
        tenantName: b.tenant_name,
        invitationToken: b.invitation_token,
      },
      ctx.ip,
    );
    ctx.status = 201;
    return {
      success: true,
      message: 'Registration successful. Check your email to verify your address.',
      data: { user, tokens, tenant, ...(joined ? { joined_tenant: joined } : {}) },
      user,
      tenant,
      ...(joined ? { joined_tenant: joined } : {}),
      tokens,
      access: tokens.access,
      refresh: tokens.refresh,
    };
  });

  routes.post(
    '/login/',
    { summary: 'Log in by email or username: JWT pair (004) and session cookie (001)', public: true, body: loginBody, response: r.loggedIn, errors: [401, 403, 429] },
    async (ctx) => {
      const b = ctx.state.body;
      const { user, tokens, sessionToken } = await identity.login.login((b.email ?? b.username)!, b.password, ctx.ip);
      setSessionCookie(ctx, sessionToken, identity.sessions.maxAgeMs, opts.secureCookie);
      const { access, refresh } = tokens;
      return { success: true, message: 'Login successful', user, access, refresh, tokens, data: { user, access, refresh, tokens } };
    },
  );

  routes.post('/logout/', { summary: 'End the session, revoke a posted refresh token, and end the user’s access tokens', public: true, body: logoutBody, response: r.done }, async (ctx) => {
    await identity.logout.logout({ userId: ctx.state.principal?.userId, sessionToken: sessionTokenOf(ctx), refreshToken: ctx.state.body.refresh });
    clearSessionCookie(ctx, opts.secureCookie);
    return { success: true, message: 'Logout successful' };
  });

  routes.post('/token/refresh/', { summary: 'Rotate a refresh token into a new JWT pair', public: true, body: refreshBody, response: r.refreshed, errors: [401] }, async (ctx) => {
    const { access, refresh } = await identity.tokenPairs.rotate(ctx.state.body.refresh);
    return { success: true, access, refresh, data: { access, refresh } };
  });

  routes.post(
    '/token/',
    { summary: 'Obtain an API token for Authorization: Token (seed 002)', public: true, body: obtainTokenBody, response: r.apiToken, errors: [401, 429] },
    (ctx) => identity.login.obtainApiToken(ctx.state.body.username, ctx.state.body.password, ctx.ip),
  );
}
