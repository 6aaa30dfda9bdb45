import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SmsGatewayOptions, type SmsGatewayOptions as Options } from './http-sms-gateway';
import { messageOf } from '@rinda/shared';

/**
 * The SMS gateway from the environment: RINDA_SMS_URL (where to POST) and RINDA_SMS_SECRET_FILE (a file holding
 * the shared signing secret, at least 32 characters; a file so the secret is in no process listing or unit file).
 * Neither: no SMS. One without the other, a bad URL or a short secret: a clear message, and the server does not start.
 */
export function parseSmsEnv(env: NodeJS.ProcessEnv): { ok: true; sms: Options | null } | { ok: false; message: string } {
  const url = env.RINDA_SMS_URL;
  const secretFile = env.RINDA_SMS_SECRET_FILE;
  if (!url && !secretFile) return { ok: true, sms: null };
  if (!url || !secretFile) return { ok: false, message: 'SMS needs both RINDA_SMS_URL and RINDA_SMS_SECRET_FILE (docs/OPERATIONS.md, "SMS")' };
  let secret: string;
  try {
    secret = readFileSync(secretFile, 'utf8').trim();
  } catch (error) {
    return { ok: false, message: `RINDA_SMS_SECRET_FILE: ${messageOf(error)}` };
  }
  const parsed = SmsGatewayOptions.safeParse({ url, secret });
  return parsed.success ? { ok: true, sms: parsed.data } : { ok: false, message: `SMS gateway: ${z.prettifyError(parsed.error)}` };
}
