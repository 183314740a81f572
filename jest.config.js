/** Jest runs TypeScript through SWC (transpile only); `tsc --noEmit` is the type check. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    // @hpcc-js/wasm-graphviz (the report's diagram renderer) ships ES modules only: compile it to CommonJS for jest.
    '/node_modules/@hpcc-js/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@hpcc-js/)'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
};
