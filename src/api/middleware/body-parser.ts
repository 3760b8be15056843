import type { Middleware } from 'koa';
import { bodyParser } from '@koa/bodyparser';
import { fieldError } from '../../domain/shared/errors.js';
import type { AppState } from '../http/context.js';

/**
 * @koa/bodyparser, with its failures as 4xx answers: the parser's own (too large, malformed JSON,
 * unknown encoding) keep their status; anything else it throws comes from decoding a body that does
 * not match its Content-Encoding (a "gzip" body that is not gzip), which is the client's mistake.
 */
export function parseBody(opts: { limit: string }): Middleware<AppState> {
  const parse = bodyParser({ enableTypes: ['json', 'form', 'text'], jsonLimit: opts.limit, formLimit: opts.limit, textLimit: opts.limit, encoding: 'utf-8' });
  return async (ctx, next) => {
    try {
      await parse(ctx as never, async () => undefined);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status && status >= 400 && status < 500) throw err;
      throw fieldError('body', `The body could not be decoded as its Content-Encoding (${ctx.get('content-encoding') || 'identity'}) says.`);
    }
    await next();
  };
}
