// Writes the backend image's package.json and package-lock.json into OUT_DIR:
//   node docker/runtime-deps.mjs [OUT_DIR=dist/docker/runtime]
// Dependencies: exactly the packages dist/backend/main.js requires, plus the ones NestJS loads by
// name at run time, at the ranges of the root package.json. The lockfile is the workspace's,
// pruned by Nx to those packages and their dependencies, so `npm ci --omit=dev` in the image
// installs the versions the workspace was tested with and nothing of the dashboard (Angular alone
// is ~60 MB).
import { createProjectGraphAsync } from '@nx/devkit';
import { generatePrunedDeployOutput } from '@nx/js';
import { builtinModules } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(root, process.argv[2] ?? 'dist/docker/runtime');
const bundlePath = path.join(root, 'dist/backend/main.js');

/** Loaded with `require(name)` computed at run time, so absent from the bundle's literal requires. */
export const LOADED_BY_NAME = [
  // NestFactory.create() without an adapter loads the Express platform by name.
  '@nestjs/platform-express',
];

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Packages a webpack bundle with externals requires (`require("x")`), builtins excluded. */
export function bundleRequires(source) {
  const builtins = new Set(builtinModules);
  const names = new Set();
  for (const [, specifier] of source.matchAll(/\brequire\("([^"./][^"]*)"\)/g)) {
    const bare = specifier.replace(/^node:/, '');
    if (specifier.startsWith('node:') || builtins.has(bare) || builtins.has(bare.split('/')[0]))
      continue;
    names.add(packageName(specifier));
  }
  return [...names].sort();
}

/** The runtime manifest: every required package at the range package.json declares for it. */
export function runtimeManifest(rootPackage, required) {
  const dependencies = {};
  for (const name of [...new Set([...required, ...LOADED_BY_NAME])].sort()) {
    const range = rootPackage.dependencies?.[name];
    if (!range) {
      throw new Error(
        `dist/backend/main.js requires "${name}", which package.json does not list in "dependencies"` +
          (rootPackage.devDependencies?.[name] ? ' (it is a devDependency)' : ''),
      );
    }
    dependencies[name] = range;
  }
  return {
    name: 'roompulse-backend',
    version: rootPackage.version,
    private: true,
    license: rootPackage.license,
    engines: rootPackage.engines,
    dependencies,
  };
}

async function main() {
  const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  let source;
  try {
    source = readFileSync(bundlePath, 'utf8');
  } catch {
    throw new Error(`${path.relative(root, bundlePath)} is missing: build the backend first`);
  }
  const manifest = runtimeManifest(rootPackage, bundleRequires(source));
  mkdirSync(outDir, { recursive: true });
  const graph = await createProjectGraphAsync({ exitOnError: true });
  generatePrunedDeployOutput(manifest, graph, 'backend', {
    packageManager: 'npm',
    outputDirectory: outDir,
    workspaceRoot: root,
  });
  writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(
    `runtime dependencies → ${path.relative(root, outDir)}: ${Object.keys(manifest.dependencies).join(', ')}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`runtime-deps: ${error.message}`);
    process.exit(1);
  });
}
