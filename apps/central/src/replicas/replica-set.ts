import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from '../db/sql';
import { BranchReplica } from './branch-replica';

/** Head office's replicas, one per branch, opened on first use and brought up to date before each read. */
export class ReplicaSet {
  private readonly replicas = new Map<string, BranchReplica>();

  /** `dir`: where replica files live (rebuildable from PostgreSQL); null keeps them in memory (tests, the demo). */
  constructor(
    private readonly sql: Sql,
    private readonly dir: string | null,
  ) {
    if (dir) mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  async current(branchId: string): Promise<BranchReplica> {
    let replica = this.replicas.get(branchId);
    if (!replica) {
      replica = BranchReplica.open(branchId, this.dir ? join(this.dir, `${branchId}.sqlite`) : null);
      this.replicas.set(branchId, replica);
    }
    await replica.catchUp(this.sql);
    return replica;
  }

  close(): void {
    for (const r of this.replicas.values()) r.close();
    this.replicas.clear();
  }
}
