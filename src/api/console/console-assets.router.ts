import Router from '@koa/router';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppState } from '../http/context.js';

const consoleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public/console');
const socketIoClientDir = path.join(path.dirname(createRequire(import.meta.url).resolve('socket.io/package.json')), 'client-dist');

/** Every file the console is made of, by URL: a fixed list, so no request path ever reaches the file system. */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/console/': { file: path.join(consoleDir, 'index.html'), type: 'text/html; charset=utf-8' },
  '/console/console.css': { file: path.join(consoleDir, 'console.css'), type: 'text/css; charset=utf-8' },
  '/console/console.js': { file: path.join(consoleDir, 'console.js'), type: 'text/javascript; charset=utf-8' },
  '/console/view.js': { file: path.join(consoleDir, 'view.js'), type: 'text/javascript; charset=utf-8' },
  // The ES module build of the client that ships with the server package: same version, no CDN.
  '/console/vendor/socket.io.esm.min.js': { file: path.join(socketIoClientDir, 'socket.io.esm.min.js'), type: 'text/javascript; charset=utf-8' },
};

/**
 * The page's own policy, whatever the app-wide headers say: it holds an access token in sessionStorage,
 * so nothing but its own files may run, style it, or be reached from it.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The live console at /console/: static files served by the API itself, no build step. The page signs
 * in with the session cookie and then uses the seeds' REST endpoints and Socket.IO like any client.
 */
export function createConsoleAssetsRouter(): Router<AppState> {
  // strict: without it `/console` would also match `/console/` and redirect to itself.
  const router = new Router<AppState>({ strict: true });
  router.get('/console', (ctx) => ctx.redirect('/console/'));
  router.get(Object.keys(ASSETS), async (ctx) => {
    const asset = ASSETS[ctx.path];
    ctx.type = asset.type;
    // Revalidated on every load, so a deployment's new console is picked up at once.
    ctx.set('Cache-Control', 'no-cache');
    if (ctx.path === '/console/') ctx.set('Content-Security-Policy', PAGE_POLICY);
    ctx.body = await readFile(asset.file);
  });
  return router;
}
