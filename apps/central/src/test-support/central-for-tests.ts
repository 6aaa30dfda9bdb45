import { afterAll, beforeAll } from 'vitest';
import { startCentral, type RunningCentral } from '../central-server';
import { centralClient } from './central-client';
import { openTestDatabase, type TestDatabase } from './test-database';

/** The admin token every head-office test signs with (tests only: at least 32 characters, as a real one must be). */
export const TEST_ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

/**
 * A real head office on its own test database for one test file: started before the file's tests, closed and its
 * database dropped after them. Read the fields inside tests (they are set by the file's beforeAll).
 */
export function centralForTests(): { readonly db: TestDatabase; readonly central: RunningCentral; readonly client: ReturnType<typeof centralClient> } {
  const held = {} as { db: TestDatabase; central: RunningCentral; client: ReturnType<typeof centralClient> };
  beforeAll(async () => {
    held.db = await openTestDatabase();
    held.central = await startCentral({ sql: held.db.sql, adminToken: TEST_ADMIN_TOKEN });
    held.client = centralClient(held.central.url, TEST_ADMIN_TOKEN);
  });
  afterAll(async () => {
    await held.central?.close();
    await held.db?.drop();
  });
  return held;
}
