import type { Identity } from '../../../app/identity/identity.js';
import { RESET_REQUESTED } from '../../../app/identity/password-reset.js';
import { principalOf } from '../../http/context.js';
import type { Routes } from '../../http/routes.js';
import { authResponses as r } from './auth.responses.js';
import { passwordChangeBody, profileBody, resetConfirmBody, resetRequestBody, verifyEmailBody } from './auth.schemas.js';
import { sessionTokenOf } from './session-cookie.js';

/** The caller's profile, password change, password reset and email verification. */
export function addAccountRoutes(routes: Routes, identity: Identity) {
  routes.get('/profile/', { summary: 'The caller’s profile (001 at top level, 004 under data)', response: r.profile }, async (ctx) => {
    const me = principalOf(ctx);
    const profile = await identity.profiles.get(me.userId, me.tenantId);
    return { ...profile, success: true, data: profile };
  });

  for (const method of ['put', 'patch'] as const) {
    routes[method]('/profile/', { summary: 'Update names, phone number or username', body: profileBody, response: r.profile }, async (ctx) => {
      const me = principalOf(ctx);
      const b = ctx.state.body;
      const profile = await identity.profiles.update(me.userId, me.tenantId, {
        firstName: b.first_name,
        lastName: b.last_name,
        name: b.name,
        phoneNumber: b.phone_number,
        username: b.username,
      });
      return { ...profile, success: true, message: 'Profile updated successfully', data: profile };
    });
  }

  routes.post('/password/change/', { summary: 'Change the password; every other credential ends, a new JWT pair comes back', body: passwordChangeBody, response: r.passwordChanged }, async (ctx) => {
    const me = principalOf(ctx);
    const b = ctx.state.body;
    await identity.passwordChange.change({
      userId: me.userId,
      oldPassword: (b.old_password ?? b.current_password)!,
      newPassword: b.new_password,
      confirmation: b.confirm_password ?? b.new_password_confirm,
      keepSession: me.via === 'session' ? sessionTokenOf(ctx) : undefined,
    });
    const tokens = await identity.tokenPairs.issue(me.userId);
    return { success: true, message: 'Password changed successfully', data: { tokens, ...tokens }, ...tokens };
  });

  // Seed 001 and seed 004 name the same two steps differently.
  for (const [path, operationId] of [['/password-reset/', 'postAuthPasswordReset'], ['/password/reset/', 'postAuthPasswordResetSeed004']]) {
    routes.post(path, { summary: 'Email a password reset link (same answer for unknown emails)', public: true, body: resetRequestBody, response: r.done, errors: [429], operationId }, async (ctx) => {
      await identity.passwordReset.request(ctx.state.body.email, ctx.ip);
      return { success: true, message: RESET_REQUESTED };
    });
  }
  for (const [path, operationId] of [['/password-reset-confirm/', 'postAuthPasswordResetConfirm'], ['/password/reset/confirm/', 'postAuthPasswordResetConfirmSeed004']]) {
    routes.post(path, { summary: 'Set a new password with a reset token', public: true, body: resetConfirmBody, response: r.done, operationId }, async (ctx) => {
      const b = ctx.state.body;
      await identity.passwordReset.confirm(b.token, b.new_password, b.confirm_password ?? b.new_password_confirm);
      return { success: true, message: 'Password has been reset successfully' };
    });
  }

  routes.post('/verify-email/', { summary: 'Confirm the email address with the emailed token', public: true, body: verifyEmailBody, response: r.emailVerified }, async (ctx) => {
    await identity.verification.verify(ctx.state.body.token);
    return { success: true, message: 'Email verified successfully', data: { email_verified: true } };
  });

  routes.post('/verify-email/resend/', { summary: 'Send the verification email again', response: r.emailVerified }, async (ctx) => {
    const user = await identity.users.byId(principalOf(ctx).userId);
    if (user!.email_verified_at) return { success: true, message: 'Email is already verified', data: { email_verified: true } };
    await identity.verification.send(user!);
    return { success: true, message: 'Verification email sent', data: { email_verified: false } };
  });
}
