export type BackendUrlResult =
  { ok: true; url: string; originPattern: string } | { ok: false; error: string };

/**
 * Checks and normalises the backend base URL typed in the popup: http(s) only, no credentials,
 * query or fragment, no trailing slash. `originPattern` is the host permission to request for it
 * (match patterns carry no port).
 */
export function normalizeBackendUrl(input: string): BackendUrlResult {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: 'Enter a full URL, e.g. https://roompulse.example.com' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: 'The backend URL must start with https:// or http://' };
  }
  if (url.username || url.password || url.search || url.hash) {
    return {
      ok: false,
      error: 'The backend URL must not contain credentials, a query or a fragment',
    };
  }
  const path = url.pathname.replace(/\/+$/, '');
  return {
    ok: true,
    url: `${url.origin}${path}`,
    originPattern: `${url.protocol}//${url.hostname}/*`,
  };
}
