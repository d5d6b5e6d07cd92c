/**
 * Hosts a test build adds to the content-script matches (`ROOMPULSE_EXTRA_MATCHES`, see
 * build.mjs), comma-separated; esbuild replaces the identifier at build time. Empty in a
 * production build.
 */
declare const __ROOMPULSE_TEST_HOSTS__: string | undefined;

export const TEST_HOSTS: readonly string[] =
  typeof __ROOMPULSE_TEST_HOSTS__ === 'undefined'
    ? []
    : __ROOMPULSE_TEST_HOSTS__.split(',').filter(Boolean);
