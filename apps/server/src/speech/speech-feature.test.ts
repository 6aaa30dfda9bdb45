import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRequestId, type CallView } from '@rinda/shared';
import { runningEspeak } from '../../../../hardware/src/speech/test-support/running-espeak';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';
import type { AppContext } from '../app-context';
import type { FeatureModule } from '../feature-module';
import { speechFeature } from './speech-feature';
import { capturedLogger, type LogLine } from './test-support/captured-logger';

interface Phrase {
  language: string;
  text: string;
  audioUrl: string | null;
  durationMs: number | null;
}

interface AnnouncementBody {
  callId: string;
  chimeUrl: string;
  phrases: Phrase[];
  brief: Phrase | null;
}

describe('speech over HTTP, against a real branch server and espeak-ng', () => {
  let branch: Branch;
  let displayToken: string;
  let kioskToken: string;
  let call: CallView;

  beforeAll(async () => {
    branch = await startBranch();
    kioskToken = await branch.deviceToken('kiosk');
    displayToken = await branch.deviceToken('display');
    call = await makeCall(branch);
  });
  afterAll(() => branch.stop());

  it("gives a display the call's phrases in the branch's languages then the customer's, each with its audio", async () => {
    const res = await branch.http(`/api/announcements/${call.callId}`, { token: displayToken });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AnnouncementBody;
    expect(body.chimeUrl).toBe('/api/speech/chime.wav');
    expect(body.phrases.map((p) => [p.language, p.text])).toEqual([
      ['lv', 'Numurs A 1, lūdzu, pie trešā loga.'],
      ['en', 'Number Eh 1, please go to counter 3.'],
      ['uk', 'Номер а 1, будь ласка, підійдіть до вікна номер 3.'],
    ]);
    for (const phrase of body.phrases) {
      expect(phrase.audioUrl).toMatch(/^\/api\/speech\/audio\/[0-9a-f]{40}\.wav$/);
      const audio = await branch.http(phrase.audioUrl!);
      expect(audio.status).toBe(200);
      expect(audio.headers.get('content-type')).toMatch(/audio\/(wav|x-wav|wave)/);
      const bytes = Buffer.from(await audio.arrayBuffer());
      expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
      expect(phrase.durationMs).toBeGreaterThan(1500);
    }
    // The brief form said while other calls wait: the hall's first language only, shorter than the full sentence.
    expect([body.brief?.language, body.brief?.text]).toEqual(['lv', 'A 1, pie trešā loga.']);
    expect(body.brief?.audioUrl).toMatch(/^\/api\/speech\/audio\/[0-9a-f]{40}\.wav$/);
    expect(body.brief!.durationMs!).toBeLessThan(body.phrases[0]!.durationMs!);
  });

  it('serves the chime', async () => {
    const res = await branch.http('/api/speech/chime.wav');
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString('ascii', 8, 12)).toBe('WAVE');
  });

  it('refuses announcements without a display token, and answers NOT_FOUND for an unknown call', async () => {
    expect((await branch.http(`/api/announcements/${call.callId}`)).status).toBe(401);
    expect((await branch.http(`/api/announcements/${call.callId}`, { token: kioskToken })).status).toBe(403);
    const unknown = await branch.http('/api/announcements/999999', { token: displayToken });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await branch.http('/api/announcements/..%2F..%2Fetc', { token: displayToken })).status).toBe(404);
  });

  it('reads any short text aloud for a kiosk, and refuses bad bodies with BAD_REQUEST', async () => {
    const res = await branch.http('/api/speech', { token: kioskToken, body: { language: 'pl', text: 'Twój numer to A 1.' } });
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect((await branch.http(url)).status).toBe(200);

    for (const body of [{ language: 'de', text: 'Hallo' }, { language: 'en', text: '' }, { language: 'en', text: 'x'.repeat(301) }, { text: 'no language' }]) {
      const bad = await branch.http('/api/speech', { token: kioskToken, body });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect((await branch.http('/api/speech', { body: { language: 'en', text: 'Hello' } })).status).toBe(401);
  });

  it('serves only cache files by their hash name, never a path', async () => {
    expect((await branch.http('/api/speech/audio/..%2Frinda.sqlite')).status).toBe(404);
    expect((await branch.http(`/api/speech/audio/${'0'.repeat(40)}.wav`)).status).toBe(404);
  });
});

/** Issues a ticket in `language` and calls it to counter c3; resolves once the call is committed. */
async function makeCall(branch: Branch, language: 'uk' | 'en' = 'uk'): Promise<CallView> {
  const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  const display = await branch.connect({ token: await branch.deviceToken('display') });
  const teller = await branch.connect({ token: await branch.userToken('teller') });
  await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language });
  await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c3' });
  const called = branch.nextEvent(display, 'ticket:called');
  await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c3' });
  return (await called).call;
}

/** The feature, seeing an app whose logger is `logger` (the app's own is silent in tests). */
function loggingTo(feature: FeatureModule, logger: Logger): FeatureModule {
  const seen = new Map<AppContext, AppContext>();
  return {
    name: feature.name,
    http(router, ctx) {
      const own = { ...ctx, logger };
      seen.set(ctx, own);
      feature.http?.(router, own);
    },
    close: (ctx) => feature.close?.(seen.get(ctx) ?? ctx),
  };
}

describe('closing a branch while a call is being spoken', () => {
  it('abandons the syntheses quietly: nothing logged at warn or error, no espeak-ng left running, no partial file', async () => {
    const logged: LogLine[] = [];
    let ready!: () => void;
    const speechReady = new Promise<void>((resolve) => (ready = resolve));
    const logger = capturedLogger(logged, (line) => line.msg === 'speech: ready' && ready());
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rinda-speech-close-'));
    const branch = await startBranch({ dataDir, features: [loggingTo(speechFeature(), logger)] });
    await speechReady;

    await makeCall(branch);
    await branch.stop();

    expect(runningEspeak()).toEqual([]);
    const cacheDir = path.join(dataDir, 'speech-cache');
    expect(existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.endsWith('.part')) : []).toEqual([]);
    expect(logged.filter((line) => line.level >= 40)).toEqual([]);
    rmSync(dataDir, { recursive: true });
  });
});

describe('two branches in one process', () => {
  it('closing one leaves the other speaking', async () => {
    const closed = await startBranch();
    const open = await startBranch();
    try {
      await closed.stop();
      const call = await makeCall(open, 'en');
      const res = await open.http(`/api/announcements/${call.callId}`, { token: await open.deviceToken('display') });
      const body = (await res.json()) as AnnouncementBody;
      expect(body.phrases.map((p) => p.audioUrl)).toEqual([expect.stringMatching(/\.wav$/), expect.stringMatching(/\.wav$/)]);
    } finally {
      await open.stop();
    }
  });
});

describe('speech requests per device', () => {
  it('answers a device past its rate RATE_LIMITED with a retry hint, and leaves other devices their own', async () => {
    const branch = await startBranch({ limits: { speechRequests: { burst: 2, perSecond: 0.01 } } });
    try {
      const kiosk = await branch.deviceToken('kiosk');
      const body = { language: 'en', text: 'Your number is H 1.' };
      for (let i = 0; i < 2; i++) expect((await branch.http('/api/speech', { token: kiosk, body })).status).toBe(200);
      const limited = await branch.http('/api/speech', { token: kiosk, body });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await limited.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) } });

      const otherKiosk = branch.enrolDevice('kiosk', 'Kiosk 2').token;
      expect((await branch.http('/api/speech', { token: otherKiosk, body })).status).toBe(200);
    } finally {
      await branch.stop();
    }
  });
});
