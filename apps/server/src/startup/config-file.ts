import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BranchConfig, messageOf } from '@rinda/shared';

/** A branch configuration file (JSON, BranchConfig), or why it cannot be used: read at the first start only. */
export function readConfigFile(path: string): { ok: true; config: BranchConfig } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, message: `Cannot read the configuration file ${path}: ${messageOf(error)}` };
  }
  const parsed = BranchConfig.safeParse(json);
  if (!parsed.success) return { ok: false, message: `The configuration file ${path} is invalid:\n${z.prettifyError(parsed.error)}` };
  return { ok: true, config: parsed.data };
}
