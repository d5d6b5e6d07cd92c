import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // build.mjs and package.mjs run in Node.
    files: ['*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
];
