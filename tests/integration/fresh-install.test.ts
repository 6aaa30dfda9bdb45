// A real branch from nothing, as docs/OPERATIONS.md tells an operator: `npm run setup` on an empty data
// directory with the password on standard input, the server started without --demo (HTTPS with its own
// certificate, as by default), the manager signing in, and a kiosk and a display paired through the real
// routes with the codes they show.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { LoginReply, PairingClaimed, PairingStarted, PROTOCOL_VERSION, type BranchSnapshot } from '@rinda/shared';
import { ROOT, runTs, SETUP, startServerChild, type ServerChild } from '../support/child-server';

const PASSWORD = 'Anna chose this 4 the branch';
// CI runs as root; a branch runs as its own user (docs/OPERATIONS.md). tests/security/run-as-root.test.ts checks the refusal.
const ENV = { RINDA_ALLOW_ROOT: '1', RINDA_LOG_LEVEL: 'info' };

// Each test starts real processes through tsx (seconds each on a busy machine): a generous time limit.
describe('a fresh install: setup, first sign-in, a paired kiosk and display', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rinda-fresh-'));
  const dataDir = join(dir, 'srv-rinda');
  const config = join(ROOT, 'shared/src/config/demo-branch.json');
  let server: ServerChild | null = null;
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the branch and its first manager, who signs in and pairs a kiosk and a display', async () => {
    const setup = await runTs(SETUP, ['--data-dir', dataDir, '--config', config, '--username', 'anna', '--name', 'Anna Ozola'], { stdin: `${PASSWORD}\n`, env: ENV });
    expect(setup.stderr).toBe('');
    expect(setup.status).toBe(0);
    expect(setup.stdout).toContain('First manager: anna (Anna Ozola)');

    server = await startServerChild(['--data-dir', dataDir], { env: ENV });
    expect(server.output()).not.toMatch(/WARNING|No manager yet/);
    // A real branch serves HTTPS with the certificate it made itself; every client here trusts exactly that one.
    expect(server.url).toMatch(/^https:/);
    const post = (path: string, body: unknown, token?: string) => server!.request(path, { body, token });

    const login = await post('/api/auth/login', { username: 'anna', password: PASSWORD });
    expect(login.status).toBe(200);
    const session = LoginReply.parse(login.body);
    expect(session).toMatchObject({ user: { name: 'Anna Ozola', role: 'manager' }, passwordChangeRequired: false });
    // No demo account exists on a real branch.
    expect((await post('/api/auth/login', { username: 'manager', password: 'manager' })).status).toBe(401);

    for (const [kind, name] of [['kiosk', 'Hall kiosk'], ['display', 'Lobby screen']] as const) {
      const started = PairingStarted.parse((await post('/api/devices/pairings', { kind })).body);
      const paired = await post('/api/admin/devices/pair', { code: started.code, name }, session.token);
      expect(paired.status).toBe(201);
      const claimed = PairingClaimed.parse((await post(`/api/devices/pairings/${started.pairingId}/claim`, { secret: started.secret })).body);
      if (claimed.status !== 'paired') throw new Error(`${kind} not paired`);
      const snapshot = await new Promise<BranchSnapshot>((resolve, reject) => {
        const socket = io(server!.url, {
          auth: { protocolVersion: PROTOCOL_VERSION, token: claimed.token },
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          ca: [server!.ca!],
        });
        socket.once('snapshot', (s: BranchSnapshot) => {
          socket.close();
          resolve(s);
        });
        socket.once('connect_error', reject);
      });
      expect(snapshot.me).toMatchObject({ name, role: kind });
    }

    // The password was read, never shown: not in setup's output, the server's output or its log.
    expect(`${setup.stdout}${setup.stderr}${server.output()}`).not.toContain(PASSWORD);
    expect(readFileSync(join(dataDir, 'rinda.sqlite')).includes(PASSWORD)).toBe(false);
  });

  it('refuses to set up a data directory that already has a manager, and changes nothing', async () => {
    const again = await runTs(SETUP, ['--data-dir', dataDir, '--username', 'eve', '--name', 'Eve'], { stdin: 'another long password\n', env: ENV });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already has a manager');
    const login = await server!.request('/api/auth/login', { body: { username: 'eve', password: 'another long password' } });
    expect(login.status).toBe(401);
  });

  it('refuses a weak password, a password flag and a missing configuration, each saying why', async () => {
    const fresh = join(dir, 'other');
    const args = ['--data-dir', fresh, '--config', config, '--username', 'bob', '--name', 'Bob'];
    const weak = await runTs(SETUP, args, { stdin: 'Password2024!\n', env: ENV });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('common passwords');
    const short = await runTs(SETUP, args, { stdin: 'short one\n', env: ENV });
    expect(short.stderr).toContain('at least 12 characters');
    const flag = await runTs(SETUP, [...args, '--password', 'correct horse battery'], { env: ENV });
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('never a command-line argument');
    const noConfig = await runTs(SETUP, ['--data-dir', join(dir, 'third'), '--username', 'bob', '--name', 'Bob'], { stdin: 'correct horse battery\n', env: ENV });
    expect(noConfig.status).toBe(1);
    expect(noConfig.stderr).toContain('needs its configuration');
    const noName = await runTs(SETUP, ['--data-dir', fresh, '--username', 'bob'], { stdin: 'correct horse battery\n', env: ENV });
    expect(noName.status).toBe(2);
    expect(noName.stderr).toContain('--name');
  });
});
