import { platformMatchPatterns } from './platforms/registry';

export interface ManifestOptions {
  version: string;
  /** Extra content-script match patterns of a test build (`ROOMPULSE_EXTRA_MATCHES`). */
  extraMatches?: readonly string[];
  /**
   * Base64 public key (`ROOMPULSE_EXTENSION_KEY`): pins the extension id, so the backend's
   * `CORS_ORIGINS=chrome-extension://<id>` holds wherever the folder is loaded from.
   */
  key?: string;
}

/** `scheme://host/path` with an explicit host: no `<all_urls>`, no `*` host, no port. */
const NARROW_PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*)\/.*$/i;

/** Hosts of extra match patterns, refusing broad ones (least privilege holds in test builds too). */
export function extraMatchHosts(patterns: readonly string[]): string[] {
  return patterns.map((pattern) => {
    const match = NARROW_PATTERN.exec(pattern);
    if (!match) {
      throw new Error(
        `Refusing match pattern "${pattern}": use scheme://host/path with an explicit host and no port`,
      );
    }
    return match[3].toLowerCase();
  });
}

/**
 * The MV3 manifest. Least privilege: content scripts only on the platforms' hosts (plus a test
 * build's extra patterns); `storage` and `alarms`; the backend origin is an optional host
 * permission requested when the user saves the backend URL.
 */
export function buildManifest(options: ManifestOptions): chrome.runtime.ManifestV3 {
  const extra = options.extraMatches ?? [];
  extraMatchHosts(extra);
  const matches = [...platformMatchPatterns(), ...extra];
  return {
    ...(options.key ? { key: options.key } : {}),
    manifest_version: 3,
    name: 'RoomPulse',
    description:
      "Reads each studio room's live figures on Chaturbate, Stripchat and CamSoda and delivers them to RoomPulse.",
    version: options.version,
    minimum_chrome_version: '111',
    permissions: ['storage', 'alarms'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    background: { service_worker: 'service-worker.js', type: 'module' },
    action: { default_popup: 'popup.html', default_title: 'RoomPulse' },
    content_scripts: [
      { matches, js: ['page-hook.js'], run_at: 'document_start', world: 'MAIN' },
      { matches, js: ['content-script.js'], run_at: 'document_start' },
    ],
  };
}
