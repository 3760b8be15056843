import type { Middleware } from 'koa';
import { bodyParser } from '@koa/bodyparser';
import { DomainError, fieldError } from '../../domain/shared/errors.js';
import type { AppState } from '../http/context.js';

const malformedJsonBody = () =>
  new DomainError('VALIDATION', 'Malformed request body.', { body: ['Malformed request body: expected valid JSON.'] });

/**
 * @koa/bodyparser, with its failures as 4xx answers: JSON that does not parse (co-body throws the
 * SyntaxError of JSON.parse, or its own for a body that is not an object or array) is a malformed
 * body; the parser's other failures (too large, unknown encoding) keep their status; anything else it
 * throws comes from decoding a body that does not match its Content-Encoding (a "gzip" body that is
 * not gzip), which is the client's mistake.
 */
export function parseBody(opts: { limit: string }): Middleware<AppState> {
  const parse = bodyParser({ enableTypes: ['json', 'form', 'text'], jsonLimit: opts.limit, formLimit: opts.limit, textLimit: opts.limit, encoding: 'utf-8' });
  return async (ctx, next) => {
    try {
      await parse(ctx as never, async () => undefined);
    } catch (err) {
      if (err instanceof SyntaxError) throw malformedJsonBody();
      const status = (err as { status?: number }).status;
      if (status && status >= 400 && status < 500) throw err;
      throw fieldError('body', `The body could not be decoded as its Content-Encoding (${ctx.get('content-encoding') || 'identity'}) says.`);
    }
    await next();
  };
}
