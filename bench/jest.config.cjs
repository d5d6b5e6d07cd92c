module.exports = {
  displayName: 'bench',
  preset: '../jest.preset.cjs',
  rootDir: __dirname,
  // The smoke spec runs the built bench (dist/bench) against the built backend, dashboard and
  // simulator; the unit specs are quick.
  testTimeout: 120_000,
};
