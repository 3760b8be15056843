import zlib from 'node:zlib';
import { Stream } from 'node:stream';
import compress from 'koa-compress';
import type { Middleware } from 'koa';
import type { AppState } from '../http/context.js';

/**
 * Compresses answers of 1 KB and more (brotli or gzip, as the client accepts) except streamed ones:
 * a CSV download of a million rows or an event stream must reach the client as it is written, and
 * a compressor would hold it back in its buffers. WebSocket and Socket.IO traffic never passes here.
 */
export function compression(): Middleware<AppState> {
  const compressor = compress({ threshold: 1024, br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } }) as Middleware<AppState>;
  return (ctx, next) =>
    compressor(ctx, async () => {
      await next();
      if (ctx.body instanceof Stream || ctx.response.is('text/event-stream')) ctx.compress = false;
    });
}
