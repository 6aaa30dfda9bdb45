import type { Db } from '../db/database';

/** What one command wrote: its answer, and the commit that moves memory on (null when it changed nothing). */
export interface Written<T, C> {
  value: T;
  commit: C | null;
}

interface Queued<S, C, R> {
  work: (before: S) => Written<unknown, C>;
  resolve: (outcome: Written<unknown, C> & { applied: R | null }) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the commands that arrive in one event-loop turn are written in one IMMEDIATE transaction,
 * so a burst of calls (every teller pressing "next" at the opening) waits for one fsync, not one per
 * command in turn. Each command runs in its own savepoint on the state the commands before it left: one that
 * throws takes back only its own writes (a command alone in its turn runs in the transaction itself, which its
 * failure rolls back). Nobody hears of a command before the transaction is durable, and
 * memory is moved on (`apply`, in order) only then, as with a transaction per command.
 */
export class GroupCommit<S, C extends { after: S }, R> {
  private queued: Queued<S, C, R>[] = [];
  private flushing: NodeJS.Immediate | null = null;
  /**
   * The transaction functions, made once: better-sqlite3 builds four wrapper functions and their properties on every
   * `db.transaction(fn)`, which cost about 2 % of the server's time when made twice per commit.
   */
  private readonly groupTransaction: (group: Queued<S, C, R>[], outcomes: (() => void)[]) => void;
  /** A nested transaction is a savepoint in better-sqlite3: one command of a group, taken back alone if it throws. */
  private readonly savepoint: (work: Queued<S, C, R>['work'], state: S) => Written<unknown, C>;
  /**
   * A group of one command (a single kiosk, a quiet branch: most groups) needs no savepoint: its transaction is
   * its own, so rolling that back takes back exactly its writes. A savepoint costs two statements and a copy of
   * every page it changes in the sub-journal.
   */
  private readonly aloneTransaction: (work: Queued<S, C, R>['work']) => Written<unknown, C>;

  constructor(
    private readonly db: Db,
    /** The state the first command of a group decides on: memory, as of the last commit. */
    private readonly current: () => S,
    /** Moves memory on by one committed command; what it returns is handed to that command. */
    private readonly apply: (commit: C) => R,
    /** After each transaction that committed, its commands' outcomes handed over (the WAL's idle checkpoint is timed from it); never throws. */
    private readonly committed: () => void = () => {},
  ) {
    this.groupTransaction = db.transaction((group: Queued<S, C, R>[], outcomes: (() => void)[]) => this.writeGroup(group, outcomes)).immediate;
    this.savepoint = db.transaction((work: Queued<S, C, R>['work'], state: S) => work(state));
    this.aloneTransaction = db.transaction((work: Queued<S, C, R>['work']) => work(this.current())).immediate;
  }

  write<T>(work: (before: S) => Written<T, C>): Promise<Written<T, C> & { applied: R | null }> {
    return new Promise((resolve, reject) => {
      this.queued.push({ work, resolve: resolve as Queued<S, C, R>['resolve'], reject });
      this.flushing ??= setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.flushing = null;
    const group = this.queued;
    this.queued = [];
    if (group.length === 1) return this.flushAlone(group[0]!);
    const outcomes: (() => void)[] = [];
    try {
      this.groupTransaction(group, outcomes);
    } catch (error) {
      // The commit itself failed, or the transaction was rolled back whole: nothing of the group was written,
      // and memory stays as it was.
      for (const { reject } of group) reject(error);
      return;
    }
    group.forEach(({ reject }, i) => {
      try {
        outcomes[i]?.();
      } catch (error) {
        reject(error);
      }
    });
    this.committed();
  }

  /** Inside the group's IMMEDIATE transaction: each command in its savepoint, on the state the one before left. */
  private writeGroup(group: Queued<S, C, R>[], outcomes: (() => void)[]): void {
    let state = this.current();
    for (const { work, resolve, reject } of group) {
      try {
        const written = this.savepoint(work, state);
        if (written.commit) state = written.commit.after;
        outcomes.push(() => resolve(this.applied(written)));
      } catch (error) {
        // Some errors (disk full, I/O, RAISE(ROLLBACK)) roll back the whole transaction, not just the
        // savepoint: the commands before it are gone too, so the group fails as one, and no later
        // command may run outside a transaction on a state that was never written.
        if (!this.db.inTransaction) throw error;
        outcomes.push(() => reject(error));
      }
    }
  }

  /** A durable command's answer: memory moved on by its commit (in commit order), or nothing for a refusal. */
  private applied<T>(written: Written<T, C>): Written<T, C> & { applied: R | null } {
    return { ...written, applied: written.commit ? this.apply(written.commit) : null };
  }

  /** One command in its own transaction: what it wrote lands with the commit, or none of it if it throws. */
  private flushAlone({ work, resolve, reject }: Queued<S, C, R>): void {
    let written: Written<unknown, C>;
    try {
      written = this.aloneTransaction(work);
    } catch (error) {
      reject(error);
      return;
    }
    try {
      resolve(this.applied(written));
    } catch (error) {
      reject(error);
    }
    this.committed();
  }
}
