import { afterEach, describe, expect, it } from 'vitest';
import { startBranch, type Branch } from '../support/start-branch';

describe('test servers log', () => {
  let branch: Branch | undefined;
  const saved = process.env.RINDA_TEST_LOG;
  afterEach(async () => {
    await branch?.stop();
    if (saved === undefined) delete process.env.RINDA_TEST_LOG;
    else process.env.RINDA_TEST_LOG = saved;
  });

  it('nothing by default, so expected refusals and failures stay out of the test output', async () => {
    delete process.env.RINDA_TEST_LOG;
    branch = await startBranch();
    expect(branch.ctx.logger.level).toBe('silent');
  });

  it('at the level RINDA_TEST_LOG names, also after a restart', async () => {
    process.env.RINDA_TEST_LOG = 'debug';
    branch = await startBranch();
    expect(branch.ctx.logger.level).toBe('debug');
    await branch.restart();
    expect(branch.ctx.logger.level).toBe('debug');
  });
});
