import request from 'supertest';
import { STORE_KINDS, startTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app';

describe.each(STORE_KINDS)('AuthController and UsersController over HTTP (%s store)', (store) => {
  let t: TestApp;
  const admin = () => ({ authorization: `Bearer ${t.tokens.admin}` });

  beforeAll(async () => {
    t = await startTestApp({ store });
  });
  afterAll(() => t.close());

  it('signs in with the right pair and describes the token', async () => {
    const response = await request(t.url)
      .post('/api/auth/login')
      .send({ username: 'viewer-user', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: 'Bearer',
      expires_in: 12 * 3600,
      user: { username: 'viewer-user', role: 'viewer' },
    });
    const me = await request(t.url)
      .get('/api/auth/me')
      .set('authorization', `Bearer ${response.body.access_token}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      username: 'viewer-user',
      role: 'viewer',
      expires_at: expect.any(Number),
    });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await request(t.url)
      .post('/api/auth/login')
      .send({ username: 'viewer-user', password: 'nope-nope' });
    const unknown = await request(t.url)
      .post('/api/auth/login')
      .send({ username: 'ghost', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({
      statusCode: 401,
      message: 'invalid username or password',
      error: 'Unauthorized',
    });
  });

  it('refuses a login body without a password with 400', async () => {
    const response = await request(t.url).post('/api/auth/login').send({ username: 'viewer-user' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'password', reason: expect.any(String) }]);
  });

  it('lets an admin create, list and delete users', async () => {
    const created = await request(t.url)
      .post('/api/users')
      .set(admin())
      .send({ username: 'ext-01', password: 'ext-password', role: 'ingest' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ username: 'ext-01', role: 'ingest' });

    const again = await request(t.url)
      .post('/api/users')
      .set(admin())
      .send({ username: 'ext-01', password: 'ext-password', role: 'viewer' });
    expect(again.status).toBe(409);

    const list = await request(t.url).get('/api/users').set(admin());
    expect(list.body.users).toContainEqual({ username: 'ext-01', role: 'ingest' });
    expect(JSON.stringify(list.body)).not.toMatch(/hash|password/i);

    const login = await request(t.url)
      .post('/api/auth/login')
      .send({ username: 'ext-01', password: 'ext-password' });
    expect(login.body.user).toEqual({ username: 'ext-01', role: 'ingest' });

    expect((await request(t.url).delete('/api/users/ext-01').set(admin())).status).toBe(204);
    expect((await request(t.url).delete('/api/users/ext-01').set(admin())).status).toBe(404);
    const gone = await request(t.url)
      .post('/api/auth/login')
      .send({ username: 'ext-01', password: 'ext-password' });
    expect(gone.status).toBe(401);
  });

  it.each([
    [{ username: 'ab', password: 'long-enough', role: 'viewer' }, 'username'],
    [{ username: 'valid_name', password: 'short', role: 'viewer' }, 'password'],
    [{ username: 'valid_name', password: 'long-enough', role: 'root' }, 'role'],
    [{ username: 'valid_name', password: 'long-enough', role: 'viewer', admin: true }, 'admin'],
  ])('refuses a bad new user %p naming %s', async (body, field) => {
    const response = await request(t.url).post('/api/users').set(admin()).send(body);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('keeps user management to admins', async () => {
    for (const role of ['viewer', 'ingest'] as const) {
      const response = await request(t.url)
        .post('/api/users')
        .set('authorization', `Bearer ${t.tokens[role]}`)
        .send({ username: 'sneaky', password: 'long-enough', role: 'admin' });
      expect(response.status).toBe(403);
    }
  });

  it('resets the admin password from ADMIN_PASSWORD at start', async () => {
    if (store === 'memory') return; // memory starts empty every time: creation is covered by startTestApp itself
    const restarted = await startTestApp({
      store,
      keyPrefix: t.keyPrefix,
      adminOnly: true,
      env: { ADMIN_PASSWORD: 'a-new-admin-password' },
    }).catch((error: Error) => error);
    // startTestApp signs in with the old password, which the restart has just replaced.
    expect(restarted).toBeInstanceOf(Error);
    const response = await request(t.url)
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'a-new-admin-password' });
    expect(response.status).toBe(200);
  });
});
