import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '@roompulse/test-support';

export const DOCKER_DIR = join(ROOT, 'docker');

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  env_file?: string | string[];
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval?: string };
  restart?: string;
  read_only?: boolean;
  user?: string;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** docker/compose.yaml with YAML merge keys (`<<: *backend`) resolved, as Compose reads it. */
export function readCompose(): ComposeFile {
  return parse(readFileSync(join(DOCKER_DIR, 'compose.yaml'), 'utf8'), {
    merge: true,
  }) as ComposeFile;
}

/** KEY=value lines of a dotenv file (comments and blank lines skipped). */
export function readDotenv(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) values[match[1]] = match[2];
  }
  return values;
}

/** Every `${VAR…}` a text uses, with its form: plain, `:-default` or `:?error`. */
export function interpolations(
  text: string,
): { name: string; form: 'plain' | 'default' | 'required' }[] {
  return [...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)(:-|:\?)?[^}]*\}/g)].map(([, name, op]) => ({
    name,
    form: op === ':-' ? 'default' : op === ':?' ? 'required' : 'plain',
  }));
}

/**
 * Compose's interpolation for the forms compose.yaml uses: `${VAR}`, `${VAR:-default}` and
 * `${VAR:?message}` (which fails, like `docker compose`, when VAR is unset or empty).
 */
export function interpolate(text: string, values: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Z][A-Z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g,
    (_, name: string, op?: string, arg?: string) => {
      const value = values[name];
      if (op === ':-') return value ? value : (arg ?? '');
      if (op === ':?' && !value)
        throw new Error(`required variable ${name} is missing a value: ${arg}`);
      return value ?? '';
    },
  );
}

/** Names of the environment variables backend/src/config/settings.ts reads (`env, 'NAME'` and `env['NAME']`). */
export function backendVariables(): string[] {
  const source = readFileSync(join(ROOT, 'backend/src/config/settings.ts'), 'utf8');
  const names = new Set<string>();
  for (const [, name] of source.matchAll(/\benv\s*,\s*'([A-Z][A-Z0-9_]*)'/g)) names.add(name);
  for (const [, name] of source.matchAll(/\benv\[\s*'([A-Z][A-Z0-9_]*)'\s*\]/g)) names.add(name);
  return [...names].sort();
}
