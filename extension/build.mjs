// Builds the unpacked extension into dist/extension (or --out=DIR):
//   node extension/build.mjs [--extra-matches=http://127.0.0.1/*,...] [--out=DIR]
// ROOMPULSE_EXTRA_MATCHES (comma-separated) does the same as --extra-matches: a test build adds
// content-script match patterns, e.g. for a local fixture server. Pages on those hosts are read
// as /<platform>/<room-path> (http://127.0.0.1:8080/chaturbate/alice/ → chaturbate, alice).
// ROOMPULSE_EXTENSION_KEY (optional, base64 public key) pins the extension id via manifest `key`.
import * as esbuild from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const src = path.join(here, 'src');
const contractsDir = path.join(root, 'libs/contracts/src');

function option(name) {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const outDir = path.resolve(root, option('out') ?? 'dist/extension');
const extraMatches = (option('extra-matches') ?? process.env.ROOMPULSE_EXTRA_MATCHES ?? '')
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);

/**
 * The contracts library is declarations and constants; its DTO classes carry class-validator /
 * class-transformer decorators, which run at import and need `reflect-metadata`. Marking the
 * library side-effect free lets esbuild drop every module the extension does not use, so those
 * decorators (and the validators) never reach the bundles.
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

/** Bundles src/manifest.ts for Node and evaluates it: the host list lives in the adapters. */
async function loadManifestBuilder() {
  const result = await esbuild.build({
    entryPoints: [path.join(src, 'manifest.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    tsconfig: path.join(here, 'tsconfig.json'),
    plugins: [contractsArePure],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const rootPackage = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const { buildManifest, extraMatchHosts } = await loadManifestBuilder();
const key = process.env.ROOMPULSE_EXTENSION_KEY?.trim() || undefined;
const manifest = buildManifest({ version: rootPackage.version, extraMatches, key });
const testHosts = extraMatchHosts(extraMatches);

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });

const common = {
  bundle: true,
  target: 'chrome111',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  tsconfig: path.join(here, 'tsconfig.json'),
  plugins: [contractsArePure],
  define: { __ROOMPULSE_TEST_HOSTS__: JSON.stringify(testHosts.join(',')) },
  metafile: true,
};

const builds = await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { 'service-worker': path.join(src, 'background/service-worker.ts') },
    format: 'esm',
    outdir: outDir,
  }),
  esbuild.build({
    ...common,
    entryPoints: { 'content-script': path.join(src, 'content/content-script.ts') },
    format: 'iife',
    outdir: outDir,
  }),
  esbuild.build({
    ...common,
    entryPoints: { 'page-hook': path.join(src, 'page-hook/page-hook.ts') },
    format: 'iife',
    outdir: outDir,
  }),
  esbuild.build({
    ...common,
    entryPoints: { popup: path.join(src, 'popup/popup.ts') },
    format: 'esm',
    outdir: outDir,
  }),
]);

// A decorated DTO class in a bundle would throw at load (no reflect-metadata in the extension).
for (const { metafile } of builds) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    const leaked = Object.keys(output.inputs).filter((input) =>
      /node_modules\/class-(validator|transformer)\//.test(input),
    );
    if (leaked.length > 0)
      throw new Error(
        `${file} bundles ${leaked[0]}: import only types and constants from @roompulse/contracts`,
      );
  }
}

await copyFile(path.join(src, 'popup/popup.html'), path.join(outDir, 'popup.html'));
await copyFile(path.join(src, 'popup/popup.css'), path.join(outDir, 'popup.css'));
await writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

console.log(
  `RoomPulse extension ${manifest.version} → ${path.relative(root, outDir)}` +
    (extraMatches.length ? ` (extra matches: ${extraMatches.join(', ')})` : ''),
);
