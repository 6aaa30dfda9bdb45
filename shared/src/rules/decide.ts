import type { Decide } from './types';
import { decideIssue, decideCallNext, decideCallTicket, decideRecall, decideStart, decideFinish, decideNoShow, decideReactivate, decideTransfer, decideCancel, decideConfirm } from './ticket-commands';
import { decideCloseEarlierDays } from './day-boundary';
import { decideStepBack } from './step-back';
import { decidePause, decideResume, decideSignIn, decideSignOut } from './counter-commands';

/**
 * The queue rules: what a command means in the current state, as events, or a refusal with a code.
 * Pure: the clock and new ids come from `ctx`; the caller persists the events and then applies them with
 * `applyEvent`, in order.
 */
export const decide: Decide = (state, command, ctx) => {
  switch (command.type) {
    case 'issue':
      return decideIssue(state, command, ctx);
    case 'callNext':
      return decideCallNext(state, command, ctx);
    case 'callTicket':
      return decideCallTicket(state, command, ctx);
    case 'recall':
      return decideRecall(state, command, ctx);
    case 'start':
      return decideStart(state, command, ctx);
    case 'finish':
      return decideFinish(state, command, ctx);
    case 'noShow':
      return decideNoShow(state, command, ctx);
    case 'reactivate':
      return decideReactivate(state, command, ctx);
    case 'transfer':
      return decideTransfer(state, command, ctx);
    case 'stepBack':
      return decideStepBack(state, command, ctx);
    case 'confirm':
      return decideConfirm(state, command, ctx);
    case 'cancel':
      return decideCancel(state, command, ctx);
    case 'closeEarlierDays':
      return decideCloseEarlierDays(state, ctx);
    case 'signIn':
      return decideSignIn(state, command, ctx);
    case 'pause':
      return decidePause(state, command, ctx);
    case 'resume':
      return decideResume(state, command, ctx);
    case 'signOut':
      return decideSignOut(state, command, ctx);
  }
};
