// Node environment by default; DOM specs opt in with a `@jest-environment jsdom` docblock.
module.exports = {
  displayName: 'extension',
  preset: '../jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
