import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // runtime-deps.mjs runs in Node (build stage); healthcheck.js is the image's CommonJS HEALTHCHECK.
    files: ['*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly' } },
  },
];
