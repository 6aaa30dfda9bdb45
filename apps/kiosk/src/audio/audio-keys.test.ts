import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guideCommand, movedFocus, packUtterances, typesIntoField } from './audio-keys';

describe('audio-guided mode keys', () => {
  it('arrows move, Enter and Space activate, digits choose, 0 goes back, other keys do nothing', () => {
    expect(guideCommand('ArrowDown')).toEqual({ kind: 'move', by: 1 });
    expect(guideCommand('ArrowLeft')).toEqual({ kind: 'move', by: -1 });
    expect(guideCommand('Enter')).toEqual({ kind: 'activate' });
    expect(guideCommand(' ')).toEqual({ kind: 'activate' });
    expect(guideCommand('3')).toEqual({ kind: 'choose', index: 2 });
    expect(guideCommand('0')).toEqual({ kind: 'back' });
    expect(guideCommand('Escape')).toEqual({ kind: 'back' });
    expect(guideCommand('a')).toBeNull();
    expect(guideCommand('Tab')).toBeNull();
  });

  it('on a screen that takes a code, digits, Backspace and Enter go to its field, but Enter on a button stays the button', () => {
    for (const key of ['0', '5', '9', 'Backspace']) expect(typesIntoField(key, false)).toBe(true);
    expect(typesIntoField('Enter', false)).toBe(true);
    expect(typesIntoField('Enter', true)).toBe(false);
    for (const key of ['ArrowDown', 'Escape', ' ', 'a', 'F1']) expect(typesIntoField(key, false)).toBe(false);
  });

  it('the first arrow reaches the first (or, going up, the last) control; moving wraps around', () => {
    expect(movedFocus(-1, 4, 1)).toBe(0);
    expect(movedFocus(-1, 4, -1)).toBe(3);
    expect(movedFocus(3, 4, 1)).toBe(0);
    expect(movedFocus(0, 4, -1)).toBe(3);
    expect(movedFocus(-1, 0, 1)).toBe(-1);
  });

  it('count presses of one arrow come back to where they started', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(11), fc.constantFrom(1 as const, -1 as const), (count, start, by) => {
        const from = start % count;
        let at = from;
        for (let i = 0; i < count; i++) {
          at = movedFocus(at, count, by);
          expect(at).toBeGreaterThanOrEqual(0);
          expect(at).toBeLessThan(count);
        }
        expect(at).toBe(from);
      }),
    );
  });

  it('packs sentences into as few texts as the speech route takes, in order, none longer than the limit', () => {
    expect(packUtterances(['Choose a service.', '1: Cash.', '2: Cards.'], 30)).toEqual(['Choose a service. 1: Cash.', '2: Cards.']);
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,12}( [a-z]{1,12}){0,40}\.$/), { maxLength: 12 }), (sentences) => {
        const packed = packUtterances(sentences, 300);
        for (const text of packed) expect(text.length).toBeLessThanOrEqual(300);
        const words = (texts: string[]) => texts.join(' ').replace(/…/g, '').split(/\s+/).filter(Boolean);
        if (sentences.every((s) => s.length <= 300)) expect(words(packed)).toEqual(words(sentences));
      }),
    );
  });
});
