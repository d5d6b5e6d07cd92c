// Shared Jest settings for the Node-side projects. `@roompulse/contracts` resolves to its source,
// exactly as the TypeScript path mapping does, so tests run without a prior build.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@roompulse/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
    '^@roompulse/test-support$': path.join(__dirname, 'libs/test-support/src/index.ts'),
  },
  reporters: ['default', path.join(__dirname, 'tools/jest-summary-reporter.cjs')],
};
