// @koa/multer ships no types: it wraps multer's middlewares for Koa and moves `file` onto the context.
declare module '@koa/multer' {
  import type { Middleware } from 'koa';
  import type { Options, StorageEngine } from 'multer';
  interface KoaMulter {
    single(field: string): Middleware;
  }
  function multer(options?: Options): KoaMulter;
  namespace multer {
    function diskStorage(options: { destination?: string; filename?: (req: unknown, file: unknown, cb: (err: Error | null, name: string) => void) => void }): StorageEngine;
  }
  export default multer;
}
