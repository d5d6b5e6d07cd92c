// Static checks of the deployment files, and nginx.conf run for real in front of two backends.
module.exports = {
  displayName: 'docker',
  preset: '../jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  // The suites start backends and nginx on real ports; one at a time keeps 2 cores responsive.
  maxWorkers: 1,
  testTimeout: 60_000,
};
