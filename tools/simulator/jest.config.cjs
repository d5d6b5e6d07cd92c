module.exports = {
  displayName: 'simulator',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  // The integration spec starts the built backend; the unit specs are quick.
  testTimeout: 60_000,
};
