import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { newRequestId, PROTOCOL_VERSION, type CustomerLanguage, type RatingPrompt } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket, type StartBranchOptions } from '../support/start-branch';

/** A counter's rating screen (issue #19): paired for one counter, it rates only the visit that just ended there. */
describe('the counter rating screen', () => {
  let branch: Branch;
  let kiosk: BranchSocket;
  let manager: string;
  afterEach(() => branch.stop());

  async function start(options: StartBranchOptions = {}) {
    branch = await startBranch(options);
    kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    manager = await branch.userToken('manager');
  }
  async function tellerAt(counterId: string) {
    const socket = await branch.connect({ token: await branch.userToken('teller') });
    await branch.request(socket, 'counter:signIn', { requestId: newRequestId(), counterId });
    const does = async (name: 'ticket:callNext' | 'ticket:finish') => {
      const r = await branch.request(socket, name, { requestId: newRequestId(), counterId });
      if (!r.ok) throw new Error(r.error.message);
      return r.data.ticket.id;
    };
    return { socket, callNext: () => does('ticket:callNext'), finish: () => does('ticket:finish') };
  }
  async function issue(language: CustomerLanguage = 'en'): Promise<string> {
    const r = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language });
    if (!r.ok) throw new Error(r.error.message);
    return r.data.ticket.id;
  }
  const startPairing = async (kind: 'rating' | 'kiosk') =>
    (await (await branch.http('/api/devices/pairings', { method: 'POST', body: { kind } })).json()) as { pairingId: string; code: string; secret: string };
  const pair = (code: string, extra: Record<string, unknown>) =>
    branch.http('/api/admin/devices/pair', { method: 'POST', token: manager, body: { code, name: 'Rating screen', ...extra } });
  /** The first prompt a screen gets, on connect: listened for before the socket connects. */
  function promptOnConnect(token: string): Promise<RatingPrompt | null> {
    const socket = io(branch.url, { auth: { protocolVersion: PROTOCOL_VERSION, token }, transports: ['websocket'], reconnection: false });
    return new Promise<RatingPrompt | null>((resolve) => socket.once('rating:prompt', ({ prompt }: { prompt: RatingPrompt | null }) => resolve(prompt))).finally(() =>
      socket.close(),
    );
  }
  async function ratingScreen(counterId: string) {
    const socket = await branch.connect({ token: await branch.ratingScreenToken(counterId) });
    const prompts: (RatingPrompt | null)[] = [];
    socket.on('rating:prompt', ({ prompt }) => prompts.push(prompt));
    return { socket, prompts, rate: (promptId: string, score: number, requestId = newRequestId()) => branch.request(socket, 'rating:submit', { requestId, promptId, score }) };
  }
  const nextPrompt = (screen: { socket: BranchSocket }, where: (p: RatingPrompt | null) => boolean) =>
    branch.nextEvent(screen.socket, 'rating:prompt', (m) => where(m.prompt)).then((m) => m.prompt);
  const stored = () => branch.ctx.db.prepare('SELECT ticket_id AS id, score, comment FROM ratings').all();

  it('asks about the visit that just ended at its counter, in the ticket’s language, takes one score, and refuses a second', async () => {
    await start();
    const teller = await tellerAt('c2');
    const screen = await ratingScreen('c2');
    const id = await issue('lt');
    await teller.callNext();
    const asked = nextPrompt(screen, (p) => p !== null);
    await teller.finish();
    const prompt = await asked;
    expect(prompt).toEqual({ promptId: expect.any(String), language: 'lt', timeoutMs: expect.any(Number) });
    // The screen is never given the ticket's id: it is the credential of the ticket's status page.
    expect(prompt!.promptId).not.toBe(id);
    expect(JSON.stringify(screen.prompts)).not.toContain(id);

    const idle = nextPrompt(screen, (p) => p === null);
    const requestId = newRequestId();
    expect(await screen.rate(prompt!.promptId, 4, requestId)).toEqual({ ok: true, data: { rated: true } });
    expect(await idle).toBeNull();
    expect(stored()).toEqual([{ id, score: 4, comment: null }]);
    // The same request again (a lost ack) is answered as before; a second answer is refused; so is the phone.
    expect(await screen.rate(prompt!.promptId, 4, requestId)).toEqual({ ok: true, data: { rated: true } });
    expect(await screen.rate(prompt!.promptId, 1)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await branch.http(`/api/tickets/${id}/rating`, { body: { score: 1 } })).status).toBe(409);
    expect(stored()).toEqual([{ id, score: 4, comment: null }]);
  });

  it('refuses the screen’s answer when the phone rated first, keeping the phone’s, and goes idle', async () => {
    await start();
    const teller = await tellerAt('c2');
    const screen = await ratingScreen('c2');
    const id = await issue();
    await teller.callNext();
    const asked = nextPrompt(screen, (p) => p !== null);
    await teller.finish();
    const { promptId } = (await asked)!;
    expect((await branch.http(`/api/tickets/${id}/rating`, { body: { score: 5 } })).status).toBe(201);
    const idle = nextPrompt(screen, (p) => p === null);
    expect(await screen.rate(promptId, 2)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await idle).toBeNull();
    expect(stored()).toEqual([{ id, score: 5, comment: null }]);
  });

  it('refuses to rate a visit that ended at another counter, and is never asked about it', async () => {
    await start();
    const atC1 = await tellerAt('c1');
    const screen = await ratingScreen('c2');
    const otherScreen = await ratingScreen('c1');
    await issue();
    await atC1.callNext();
    const askedAtC1 = nextPrompt(otherScreen, (p) => p !== null);
    await atC1.finish();
    const { promptId } = (await askedAtC1)!;
    expect(screen.prompts.filter((p) => p !== null)).toEqual([]);
    // Not even with the other counter's question.
    const refused = await screen.rate(promptId, 5);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/own counter/) } });
    expect(stored()).toEqual([]);
  });

  it('goes back to idle when its counter calls the next ticket, and the ended visit can no longer be rated from it', async () => {
    await start();
    const teller = await tellerAt('c2');
    const screen = await ratingScreen('c2');
    const first = await issue();
    await issue();
    await teller.callNext();
    const asked = nextPrompt(screen, (p) => p !== null);
    await teller.finish();
    const { promptId } = (await asked)!;
    // While it asks, the ticket's id is no answer to the question.
    expect(await screen.rate(first, 3)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const idle = nextPrompt(screen, (p) => p === null);
    await teller.callNext();
    expect(await idle).toBeNull();
    expect(await screen.rate(promptId, 3)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The phone may still rate it: the counter screen's window closed, not the visit's.
    expect((await branch.http(`/api/tickets/${first}/rating`, { body: { score: 3 } })).status).toBe(201);
  });

  it('asks a screen that (re)connects meanwhile, stops after counterRating.timeoutSec, and then refuses the answer', async () => {
    await start({ clock: 'manual' });
    const teller = await tellerAt('c2');
    const screen = await ratingScreen('c2');
    const token = await branch.ratingScreenToken('c2');
    expect(await promptOnConnect(token)).toBeNull();
    await issue('uk');
    await teller.callNext();
    await teller.finish();
    const first = await promptOnConnect(token);
    expect(first).toEqual({ promptId: expect.any(String), language: 'uk', timeoutMs: 30_000 });
    branch.clock.advance(29_000);
    // Asked the same question for the rest of the 30 s, no longer.
    expect(await promptOnConnect(token)).toEqual({ promptId: first!.promptId, language: 'uk', timeoutMs: 1_000 });
    branch.clock.advance(1_000);
    expect(await promptOnConnect(token)).toBeNull();
    expect(await screen.rate(first!.promptId, 4)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(stored()).toEqual([]);
  });

  it('is paired only with a counter of the branch, and only a rating screen takes one', async () => {
    await start();
    const rating = await startPairing('rating');
    expect(await (await pair(rating.code, {})).json()).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/counter/) } });
    expect((await pair(rating.code, { counterId: 'c99' })).status).toBe(400);
    const kioskPairing = await startPairing('kiosk');
    expect((await pair(kioskPairing.code, { counterId: 'c2' })).status).toBe(400);
    // Refusals spent nothing: both codes still pair.
    expect((await pair(rating.code, { counterId: 'c2' })).status).toBe(201);
    expect((await pair(kioskPairing.code, {})).status).toBe(201);
    expect(branch.ctx.db.prepare('SELECT counter_id AS counterId FROM rating_screens').all()).toEqual([{ counterId: 'c2' }]);
    // The manager's device list says which counter the screen serves.
    const { devices } = (await (await branch.http('/api/admin/devices', { token: manager })).json()) as { devices: { kind: string; ratingCounterId: string | null }[] };
    expect(devices.map((d) => [d.kind, d.ratingCounterId]).sort()).toEqual([
      ['kiosk', null],
      ['kiosk', null],
      ['rating', 'c2'],
    ]);
  });

  it('may send nothing but its score, parsed strictly, within its own command budget', async () => {
    await start();
    const screen = await ratingScreen('c2');
    expect(branch.snapshotOf(screen.socket)).toMatchObject({ role: 'rating', counters: [], tickets: [], recentCalls: [], devices: [] });
    expect(await branch.request(screen.socket, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const malformed = { requestId: newRequestId(), promptId: 'x', score: 6 };
    expect(await branch.request(screen.socket, 'rating:submit', malformed)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await screen.rate('no-such-visit', 5)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Three commands at once (a tap and its retries), then one every 5 s: the burst is spent.
    expect(await screen.rate('no-such-visit', 5)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(stored()).toEqual([]);
  });
});
