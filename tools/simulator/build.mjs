// Bundles the simulator into dist/simulator/main.js, runnable with plain `node` from anywhere
// (no node_modules needed at run time) and requirable for its programmatic API.
import * as esbuild from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const contractsDir = path.join(root, 'libs/contracts/src');
const outfile = path.join(root, 'dist/simulator/main.js');

/**
 * The simulator uses the contract's constants and types only. Its DTO modules run class-validator
 * decorators at import; marking the library side-effect free lets esbuild leave them out, so the
 * bundle carries neither class-validator nor reflect-metadata (checked below).
 */
const contractsArePure = {
  name: 'contracts-are-pure',
  setup(build) {
    build.onResolve({ filter: /^@roompulse\/contracts$/ }, () => ({
      path: path.join(contractsDir, 'index.ts'),
      sideEffects: false,
    }));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.importer.startsWith(contractsDir)) return undefined;
      const base = path.resolve(args.resolveDir, args.path);
      const file = [`${base}.ts`, path.join(base, 'index.ts')].find(
        (f) => existsSync(f) && statSync(f).isFile(),
      );
      return file ? { path: file, sideEffects: false } : undefined;
    });
  },
};

const result = await esbuild.build({
  entryPoints: [path.join(here, 'src/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  tsconfig: path.join(here, 'tsconfig.json'),
  banner: { js: '#!/usr/bin/env node' },
  plugins: [contractsArePure],
  metafile: true,
});

const [output] = Object.values(result.metafile.outputs).filter((o) => o.entryPoint);
const leaked = Object.entries(output.inputs)
  .filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && input.includes('node_modules/'))
  .map(([input]) => input);
if (leaked.length > 0) {
  throw new Error(
    `the simulator bundle pulls in ${leaked[0]}: import only types and constants from @roompulse/contracts`,
  );
}
console.log(`simulator → ${path.relative(root, outfile)} (${Math.round(output.bytes / 1024)} KiB)`);
