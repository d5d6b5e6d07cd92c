import { normalizeBackendUrl } from './backend-url';

describe(normalizeBackendUrl.name, () => {
  it.each([
    ['https://rp.example.com', 'https://rp.example.com', 'https://rp.example.com/*'],
    [' https://rp.example.com/ ', 'https://rp.example.com', 'https://rp.example.com/*'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000', 'http://127.0.0.1/*'],
    [
      'https://ops.example.com/roompulse//',
      'https://ops.example.com/roompulse',
      'https://ops.example.com/*',
    ],
  ])('normalises %p', (input, url, originPattern) => {
    expect(normalizeBackendUrl(input)).toEqual({ ok: true, url, originPattern });
  });

  it.each([
    '',
    'rp.example.com',
    'ftp://rp.example.com',
    'https://user:pw@rp.example.com',
    'https://rp.example.com/?x=1',
    'https://rp.example.com/#a',
  ])('refuses %p', (input) => {
    expect(normalizeBackendUrl(input).ok).toBe(false);
  });
});
