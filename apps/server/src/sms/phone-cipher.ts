import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateFile, PRIVATE_FILE_MODE } from '../files/private-files';

/** The key file beside the database: 32 random bytes, 0600, made on first use. A backup does not hold it. */
export const PHONE_KEY_FILE = 'phone-numbers.key';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Mobile numbers encrypted at rest (AES-256-GCM): a copy of the database file alone, a backup or a stray WAL
 * reveals no number. Each value has its own random IV; the stored form is IV ‖ tag ‖ ciphertext.
 */
export class PhoneCipher {
  private loaded: Buffer | null = null;

  private constructor(private readonly path: string) {}

  /** The key is read, or made, when a number is first stored: a branch that sends no SMS has no key file. */
  static inDataDir(dataDir: string): PhoneCipher {
    return new PhoneCipher(join(dataDir, PHONE_KEY_FILE));
  }

  private get key(): Buffer {
    if (this.loaded) return this.loaded;
    if (!existsSync(this.path)) writeFileSync(this.path, randomBytes(32), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    ensurePrivateFile(this.path);
    const key = readFileSync(this.path);
    if (key.length !== 32) throw new Error(`${this.path} is not a 32-byte key: remove it to make a new one (stored numbers are then lost)`);
    this.loaded = key;
    return key;
  }

  encrypt(phone: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(stored: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, stored.subarray(0, IV_BYTES));
    decipher.setAuthTag(stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
