import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // build.mjs runs in Node.
    files: ['*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
];
