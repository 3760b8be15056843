import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import { DomainError } from '../../../domain/shared/errors.js';
import { verifyRazorpayWebhook } from '../../../app/billing/razorpay-signature.js';
import type { AppContext, AppState } from '../../http/context.js';

/** Refuses (400, nothing read or written) a webhook whose `X-Razorpay-Signature` is not the HMAC of its raw body. */
export function verifyRazorpaySignature(secret: string): Middleware<AppState> {
  return async (ctx, next) => {
    if (!verifyRazorpayWebhook(secret, rawBody(ctx), ctx.get('x-razorpay-signature') || undefined)) {
      ctx.state.log.warn('payment webhook refused: bad or missing signature');
      throw new DomainError('VALIDATION', 'Invalid webhook signature.');
    }
    await next();
  };
}

export function rawBody(ctx: AppContext): string | undefined {
  return (ctx.request as { rawBody?: string }).rawBody;
}

/**
 * A delivery is identified by what the signature covers, its raw body: `X-Razorpay-Event-Id` is not
 * signed, so anyone replaying a captured body could change it to pass as a new event.
 */
export function signedEventId(ctx: AppContext): string {
  return `sha256:${createHash('sha256').update(rawBody(ctx) ?? '').digest('hex')}`;
}
