import Router from '@koa/router';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppState } from '../http/context.js';
import type { OpenApiCollector } from './collector.js';
import { asyncApiDocument } from '../realtime/asyncapi.js';

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'application/javascript',
  'swagger-ui-standalone-preset.js': 'application/javascript',
};

// A file, not an inline script: the Content-Security-Policy allows scripts from this origin only.
const initializer = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' });\n`;

const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>Switchboard API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/swagger-initializer.js"></script>
</body></html>`;

/** `/api/openapi.json` (every mounted route, described or not), `/api/asyncapi.json` (the realtime channels) and Swagger UI at `/api/docs`. */
export function createDocsRouter(docs: OpenApiCollector, routers: Router<AppState>[], serverUrl: string): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/api/openapi.json', (ctx) => {
    const mounted = routers.filter((r) => r !== router).flatMap((r) =>
      r.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => ({ method: m.toLowerCase(), path: String(layer.path) }))),
    );
    ctx.body = docs.document(mounted, serverUrl);
  });
  router.get('/api/asyncapi.json', (ctx) => {
    ctx.body = asyncApiDocument(serverUrl);
  });
  router.get('/api/docs', (ctx) => {
    ctx.type = 'html';
    ctx.body = page;
  });
  router.get('/api/docs/swagger-initializer.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = initializer;
  });
  router.get('/api/docs/:asset', async (ctx) => {
    const type = ASSETS[ctx.params.asset];
    if (!type) return;
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = await readFile(path.join(swaggerDir, ctx.params.asset));
  });
  return router;
}
