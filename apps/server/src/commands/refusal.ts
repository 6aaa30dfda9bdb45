import type { ErrorCode } from '@rinda/shared';

/** A refusal that ends a command with this code: nothing was changed (thrown inside its savepoint, it takes back its writes). */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
