import { parseStoredSession, tokenExpiresAt } from './session';

function jwt(claims: object): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

describe('tokenExpiresAt', () => {
  it('uses the exp claim (seconds) when the token carries one', () => {
    expect(tokenExpiresAt(jwt({ sub: 'ops', exp: 1_760_003_600 }), 60, 1_760_000_000_000)).toBe(
      1_760_003_600_000,
    );
  });

  it('falls back to expires_in seconds from now for an opaque token', () => {
    expect(tokenExpiresAt('opaque-token', 900, 1_000_000)).toBe(1_000_000 + 900_000);
    expect(tokenExpiresAt(jwt({ sub: 'ops' }), 60, 0)).toBe(60_000);
  });
});

describe('parseStoredSession', () => {
  const valid = { access_token: 't', expires_at: 5, user: { username: 'ops', role: 'viewer' } };

  it('reads a well-formed entry', () => {
    expect(parseStoredSession(JSON.stringify(valid))).toEqual(valid);
  });

  it.each([
    null,
    '',
    'not json',
    JSON.stringify({ ...valid, expires_at: '5' }),
    JSON.stringify({ ...valid, user: { username: 'ops', role: 'root' } }),
    JSON.stringify({ access_token: 't' }),
  ])('rejects %p', (raw) => {
    expect(parseStoredSession(raw)).toBeNull();
  });
});
