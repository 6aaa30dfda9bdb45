import { createHash } from 'node:crypto';
import { BUNDLE_PATHS, canonicalJson, demoBranchConfig } from '@rinda/shared';
import { describe, expect, it } from 'vitest';
import { centralForTests } from '../test-support/central-for-tests';

const hq = centralForTests();

const policy = { priorityPolicy: { priority: 1, normal: 2, maxNormalWaitMin: 20 } };
const assignPath = (version: number) => BUNDLE_PATHS.assign.replace(':version', String(version));
async function enrolled(id: string, region: string): Promise<string> {
  const created = await hq.client.createBranch(id, region);
  return (await hq.client.enrol(id, created.enrolmentCode)).body.token as string;
}
const sync = (token: string, branchId: string) => hq.client.call('POST', BUNDLE_PATHS.sync, { branchId, running: null, drift: [], last: null }, token);

describe('publishing configuration bundles at head office', () => {
  it('numbers each bundle and stamps it with the sha256 of its canonical JSON', async () => {
    const first = await hq.client.admin('POST', BUNDLE_PATHS.publish, { content: policy, note: 'policy 1:2' });
    const second = await hq.client.admin('POST', BUNDLE_PATHS.publish, { content: { services: [{ ...demoBranchConfig.services[0], openingHours: undefined }] } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.version).toBeGreaterThan(first.body.version as number);
    expect(first.body.hash).toBe(createHash('sha256').update(canonicalJson(policy)).digest('hex'));
    const read = await hq.client.admin('GET', BUNDLE_PATHS.bundle.replace(':version', String(first.body.version)));
    expect(read.body).toMatchObject({ version: first.body.version, hash: first.body.hash, content: policy, note: 'policy 1:2' });
  });

  it('refuses a bundle that is not one (unknown section, a service with opening hours, nothing to set), storing nothing', async () => {
    const [{ n: before }] = (await hq.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM config_bundles')) as [{ n: number }];
    for (const content of [{ counters: [] }, { services: [demoBranchConfig.services[2]] }, {}]) {
      const refused = await hq.client.admin('POST', BUNDLE_PATHS.publish, { content });
      expect(refused.status, JSON.stringify(content)).toBe(400);
    }
    expect((await hq.client.call('POST', BUNDLE_PATHS.publish, { content: policy })).status).toBe(401);
    const [{ n: after }] = (await hq.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM config_bundles')) as [{ n: number }];
    expect(after).toBe(before);
  });

  it('keeps a published bundle unchanged: the database refuses to update or delete it', async () => {
    const published = await hq.client.admin('POST', BUNDLE_PATHS.publish, { content: policy });
    await expect(hq.db.sql.query("UPDATE config_bundles SET note = 'edited' WHERE version = $1", [published.body.version])).rejects.toThrow(/immutable/);
    await expect(hq.db.sql.query('DELETE FROM config_bundles WHERE version = $1', [published.body.version])).rejects.toThrow(/immutable/);
  });
});

describe('assigning bundles to branches', () => {
  it('assigns by region or by id; the latest assignment wins; an unknown branch assigns nothing', async () => {
    const a = await enrolled('assign-a', 'kurzeme');
    await enrolled('assign-b', 'kurzeme');
    await enrolled('assign-c', 'vidzeme');
    const v1 = (await hq.client.admin('POST', BUNDLE_PATHS.publish, { content: policy })).body.version as number;
    const v2 = (await hq.client.admin('POST', BUNDLE_PATHS.publish, { content: { priorityPolicy: { ...policy.priorityPolicy, normal: 4 } } })).body.version as number;
    expect((await hq.client.admin('POST', assignPath(v1), { region: 'kurzeme' })).body).toEqual({ version: v1, branches: ['assign-a', 'assign-b'] });
    expect((await hq.client.admin('POST', assignPath(v2), { branches: ['assign-a'] })).body).toEqual({ version: v2, branches: ['assign-a'] });
    const refused = await hq.client.admin('POST', assignPath(v1), { branches: ['assign-c', 'no-such-branch'] });
    expect(refused.status).toBe(404);
    expect((await hq.client.admin('POST', assignPath(v1), { branches: ['assign-c'], region: 'vidzeme' })).status).toBe(400);
    expect((await hq.client.admin('POST', assignPath(999_999), { region: 'vidzeme' })).status).toBe(404);
    const status = (await hq.client.admin('GET', BUNDLE_PATHS.status)).body.branches as { branchId: string; assigned: { version: number } | null; state: string }[];
    const of = (id: string) => status.find((s) => s.branchId === id)!;
    expect(of('assign-a')).toMatchObject({ assigned: { version: v2 }, state: 'pending' });
    expect(of('assign-b')).toMatchObject({ assigned: { version: v1 }, state: 'pending' });
    expect(of('assign-c')).toMatchObject({ assigned: null, state: 'unassigned' });
    expect((await sync(a, 'assign-a')).body).toMatchObject({ bundle: { version: v2 }, force: false });
  });

  it("gives a branch only its own assignment: another branch's id with its token is refused", async () => {
    const mine = await enrolled('own-a', 'latgale');
    const theirs = await enrolled('own-b', 'latgale');
    const v = (await hq.client.admin('POST', BUNDLE_PATHS.publish, { content: policy, note: 'for own-a only' })).body.version as number;
    await hq.client.admin('POST', assignPath(v), { branches: ['own-a'] });
    const refused = await sync(theirs, 'own-a');
    expect(refused.status).toBe(403);
    expect(refused.body.bundle).toBeUndefined();
    expect((await sync(theirs, 'own-b')).body).toEqual({ bundle: null, force: false });
    expect((await sync(mine, 'own-a')).body).toMatchObject({ bundle: { version: v, note: 'for own-a only' } });
    expect((await hq.client.call('POST', BUNDLE_PATHS.sync, { branchId: 'own-a', running: null, drift: [], last: null }, 'x'.repeat(43))).status).toBe(401);
  });
});
