import { useState } from 'react';

/**
 * A form's draft of a value, started again from the value in force whenever that value changes elsewhere (head
 * office's bundle, another manager's save): a stale draft, saved, would silently undo that change. A change to
 * other parts of the configuration leaves the draft alone.
 */
export function useDraft<T>(value: T): [T, (next: T) => void] {
  const json = JSON.stringify(value);
  const [state, setState] = useState({ json, draft: value });
  const set = (draft: T) => setState({ json, draft });
  // Adjusting state while rendering (React's pattern for state derived from a prop): no effect, no extra frame.
  if (state.json !== json) {
    setState({ json, draft: value });
    return [value, set];
  }
  return [state.draft, set];
}
