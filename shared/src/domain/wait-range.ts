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
