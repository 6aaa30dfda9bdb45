import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSmsEnv } from './sms-env';

describe('the SMS gateway from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rinda-sms-env-'));
  const secretFile = join(dir, 'secret');
  writeFileSync(secretFile, 'x'.repeat(40) + '\n');

  it('is off without either variable, and reads the secret from its file', () => {
    expect(parseSmsEnv({})).toEqual({ ok: true, sms: null });
    expect(parseSmsEnv({ RINDA_SMS_URL: 'https://sms.example/send', RINDA_SMS_SECRET_FILE: secretFile })).toMatchObject({
      ok: true,
      sms: { url: 'https://sms.example/send', secret: 'x'.repeat(40), attempts: 4 },
    });
  });

  it('refuses half a setting, a missing file, a short secret and a URL that is not http(s)', () => {
    expect(parseSmsEnv({ RINDA_SMS_URL: 'https://sms.example/send' })).toMatchObject({ ok: false, message: expect.stringMatching(/both/) });
    expect(parseSmsEnv({ RINDA_SMS_URL: 'https://sms.example/send', RINDA_SMS_SECRET_FILE: join(dir, 'none') })).toMatchObject({ ok: false });
    const short = join(dir, 'short');
    writeFileSync(short, 'short');
    expect(parseSmsEnv({ RINDA_SMS_URL: 'https://sms.example/send', RINDA_SMS_SECRET_FILE: short })).toMatchObject({ ok: false, message: expect.stringMatching(/secret/) });
    expect(parseSmsEnv({ RINDA_SMS_URL: 'ftp://sms.example/send', RINDA_SMS_SECRET_FILE: secretFile })).toMatchObject({ ok: false, message: expect.stringMatching(/url/) });
  });
});
