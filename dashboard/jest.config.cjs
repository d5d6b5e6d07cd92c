// Angular unit tests: jest-preset-angular in zoneless mode on jsdom. `@roompulse/contracts`
// resolves to its source, exactly as the TypeScript path mapping does.
const path = require('node:path');
const { createCjsPreset } = require('jest-preset-angular/presets');

module.exports = {
  displayName: 'dashboard',
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  moduleNameMapper: {
    '^@roompulse/contracts$': path.join(__dirname, '../libs/contracts/src/index.ts'),
  },
  reporters: ['default', '<rootDir>/../tools/jest-summary-reporter.cjs'],
};
