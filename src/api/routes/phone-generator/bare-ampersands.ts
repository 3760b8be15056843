import type { Middleware } from 'koa';
import type { AppState } from '../../http/context.js';

/**
 * The seed documents `download-numbers/?carrier=AT&T&code=415` with the ampersand unencoded, which a
 * query parser reads as carrier "AT" plus a stray key "T". A segment without "=" cannot be a field of
 * this API, so it is folded back into the value before it ("AT&T").
 */
export function rejoinBareAmpersands(): Middleware<AppState> {
  return async (ctx, next) => {
    const segments = ctx.querystring.split('&');
    if (segments.some((s, i) => i > 0 && s !== '' && !s.includes('='))) {
      const out: string[] = [];
      for (const s of segments) {
        if (out.length && s !== '' && !s.includes('=')) out[out.length - 1] += `%26${s}`;
        else out.push(s);
      }
      ctx.querystring = out.join('&');
    }
    await next();
  };
}
