// Bundles the bench into dist/bench: the CLI (main.js) and the programs it starts in processes of
// their own (load generators, socket clients, reference servers). npm packages stay external and
// are loaded from the workspace's node_modules at run time; the simulator is loaded from its own
// build (dist/simulator/main.js), never bundled, so the bench always drives the simulator as built.
import * as esbuild from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const contractsDir = path.join(root, 'libs/contracts/src');
const outdir = path.join(root, 'dist/bench');

/** The bench uses the contract's constants and types only: leave its decorated DTOs out. */
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

const entries = {
  main: 'src/main.ts',
  'http-load': 'src/workers/http-load.ts',
  'socket-clients': 'src/workers/socket-clients.ts',
  'reference-server': 'src/reference/reference-server.ts',
  'bare-socketio-server': 'src/reference/bare-socketio-server.ts',
};

await esbuild.build({
  entryPoints: Object.fromEntries(
    Object.entries(entries).map(([name, file]) => [name, path.join(here, file)]),
  ),
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  tsconfig: path.join(here, 'tsconfig.json'),
  plugins: [contractsArePure],
});
console.log(`bench → ${path.relative(root, outdir)} (${Object.keys(entries).join(', ')})`);
