module.exports = {
  displayName: 'backend',
  preset: '../jest.preset.cjs',
  rootDir: __dirname,
  // Integration specs share one Redis and bind real ports; two workers keep the 2-core machine responsive.
  maxWorkers: 2,
  testTimeout: 20000,
};
