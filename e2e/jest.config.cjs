module.exports = {
  displayName: 'e2e',
  preset: '../jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e.ts'],
  // Each suite drives real Chromium and real backends; one at a time keeps them from starving each other.
  maxWorkers: 1,
  testTimeout: 90_000,
};
