/** "A023" → "A 23": letters then the number, as a person reads a ticket aloud (not "A zero twenty-three"). */
export function spokenNumber(displayNumber: string): string {
  const match = /^([A-Z]+)0*(\d+)$/.exec(displayNumber);
  return match ? `${match[1]} ${match[2]}` : displayNumber;
}
