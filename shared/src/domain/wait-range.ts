import { z } from 'zod';

/**
 * The wait a customer is told, in whole minutes: typical (half of customers in this place are called sooner)
 * and "at most" (nine in ten are called no later). Where no counter serving the service is signed in, the wait
 * is null instead, and the customer is told that.
 */
export const WaitRange = z.object({
  typicalMin: z.number().int().min(0),
  atMostMin: z.number().int().min(0),
});
export type WaitRange = z.infer<typeof WaitRange>;

/**
 * How a wait is put into words, the same on the kiosk, the ticket, the phone and in speech: a range; a range
 * whose typical wait is under a minute ("under 1 min, at most 3"); or that no counter is open, with no number.
 */
export type WaitWording = { kind: 'range'; typicalMin: number; atMostMin: number } | { kind: 'under'; atMostMin: number } | { kind: 'noCounter' };

export function waitWording(wait: WaitRange | null): WaitWording {
  if (wait === null) return { kind: 'noCounter' };
  if (wait.typicalMin < 1) return { kind: 'under', atMostMin: Math.max(1, wait.atMostMin) };
  return { kind: 'range', typicalMin: wait.typicalMin, atMostMin: wait.atMostMin };
}

/** The range a ticket was told at issue, from the two numbers kept on it; null when it was told no number. */
export function toldWait(ticket: { estimatedWaitMin: number | null; estimatedWaitAtMostMin: number | null }): WaitRange | null {
  if (ticket.estimatedWaitMin === null) return null;
  return { typicalMin: ticket.estimatedWaitMin, atMostMin: ticket.estimatedWaitAtMostMin ?? ticket.estimatedWaitMin };
}
