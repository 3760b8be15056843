/** Jest runs the ESM TypeScript sources through swc; one Temporal dev server and database serve the whole run. */
export default {
  testEnvironment: '<rootDir>/test/support/node-environment.js',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  // Our sources import `./x.js` for `./x.ts`. Packages importing `./x.json.js` (libphonenumber-js's metadata,
  // a JS module) keep the suffix: without it the import resolves to the bare JSON file, which jest loads
  // with a deprecation notice for every importer.
  moduleNameMapper: { '^(\\.{1,2}/.*)(?<!\\.json)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 120000,
  maxWorkers: 2,
  forceExit: true,
};
