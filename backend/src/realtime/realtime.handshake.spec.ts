import { io } from 'socket.io-client';
import { SOCKET_PATH, UNAUTHORIZED } from '@roompulse/contracts';
import {
  DashboardRecorder,
  connect,
  connectError,
  dashboardClient,
  nextEvent,
  signToken,
  type DashboardClient,
  type DashboardClientOptions,
} from '../testing/dashboard-client';
import { STORE_KINDS, nowSeconds, startTestApp, type TestApp } from '../testing/test-app';
import { RealtimeGateway } from './realtime.gateway';

const ALLOWED_ORIGIN = 'https://ops.example.com';

describe.each(STORE_KINDS)(`${RealtimeGateway.name} handshake (%s store)`, (store) => {
  let app: TestApp;
  const clients: DashboardClient[] = [];

  function client(options: DashboardClientOptions): DashboardClient {
    const created = dashboardClient(app.url, options);
    clients.push(created);
    return created;
  }

  beforeAll(async () => {
    app = await startTestApp({ store, env: { CORS_ORIGINS: ALLOWED_ORIGIN } });
  });

  afterEach(() => {
    for (const created of clients.splice(0)) created.disconnect();
  });

  afterAll(async () => {
    await app?.close();
  });

  const refused: [string, (app: TestApp) => DashboardClientOptions][] = [
    ['no token', () => ({})],
    ['an empty auth.token', () => ({ token: '' })],
    ['a malformed token', () => ({ token: 'not-a-jwt' })],
    [
      'a token signed with another key',
      () => ({
        token: signToken('some-other-signing-key-0123456789abcdef', {
          sub: 'viewer-user',
          role: 'viewer',
          exp: nowSeconds() + 600,
        }),
      }),
    ],
    [
      'an expired token',
      (a) => ({
        token: signToken(a.settings.auth.jwtSecret, {
          sub: 'viewer-user',
          role: 'viewer',
          iat: nowSeconds() - 120,
          exp: nowSeconds() - 60,
        }),
      }),
    ],
    ['an ingest token', (a) => ({ token: a.tokens.ingest })],
    [
      'a token with an unknown role',
      (a) => ({
        token: signToken(a.settings.auth.jwtSecret, {
          sub: 'x',
          role: 'superuser',
          exp: nowSeconds() + 600,
        }),
      }),
    ],
    ['a valid token in the query string only', (a) => ({ query: { token: a.tokens.viewer } })],
    [
      'an ingest token in the Authorization header',
      (a) => ({ extraHeaders: { authorization: `Bearer ${a.tokens.ingest}` } }),
    ],
    [
      'a Bearer header without the Bearer scheme',
      (a) => ({ extraHeaders: { authorization: a.tokens.viewer } }),
    ],
  ];

  it.each(refused)(
    'refuses %s with connect_error "unauthorized" and sends nothing',
    async (_case, options) => {
      const refusedClient = client(options(app));
      const recorder = new DashboardRecorder(refusedClient);
      const error = await connectError(refusedClient);
      expect(error.message).toBe(UNAUTHORIZED);
      expect(refusedClient.connected).toBe(false);
      expect(recorder.snapshots).toEqual([]);
      expect(recorder.updates).toEqual([]);
    },
  );

  it.each([
    ['a viewer', 'viewer'],
    ['an admin', 'admin'],
  ] as const)('lets %s connect with auth.token and sends it a SNAPSHOT', async (_who, role) => {
    const before = Date.now();
    const dashboard = client({ token: app.tokens[role] });
    const snapshot = nextEvent(dashboard, 'SNAPSHOT');
    await connect(dashboard);
    const received = await snapshot;
    expect(received.rooms).toEqual([]);
    expect(received.server_time).toBeGreaterThanOrEqual(before);
    expect(received.server_time).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    ['polling then websocket', ['polling', 'websocket']],
    ['websocket only', ['websocket']],
  ])(
    'accepts an Authorization: Bearer header from a non-browser client (%s)',
    async (_name, transports) => {
      const dashboard = client({
        extraHeaders: { authorization: `Bearer ${app.tokens.viewer}` },
        transports,
      });
      const snapshot = nextEvent(dashboard, 'SNAPSHOT');
      await connect(dashboard);
      expect((await snapshot).rooms).toEqual([]);
    },
  );

  it('refuses the root namespace even with a valid token', async () => {
    const root = io(app.url, {
      path: SOCKET_PATH,
      forceNew: true,
      autoConnect: false,
      reconnection: false,
      auth: { token: app.tokens.admin },
    });
    clients.push(root as unknown as DashboardClient);
    const error = await connectError(root as unknown as DashboardClient);
    expect(error.message).toBe('Invalid namespace');
  });

  it('answers CORS for the polling transport from CORS_ORIGINS only', async () => {
    const handshake = (origin: string) =>
      fetch(`${app.url}${SOCKET_PATH}/?EIO=4&transport=polling`, { headers: { origin } });
    const allowed = await handshake(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    await allowed.text();
    const other = await handshake('https://elsewhere.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await other.text();
  });
});
