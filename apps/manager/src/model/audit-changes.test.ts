import { describe, expect, it } from 'vitest';
import { auditChanges } from './audit-changes';
import { dateTimeFormat, staffLocale } from './staff-dates';

describe('an audit entry as people read it', () => {
  it('lists only the fields that changed, nested ones by their path, lists as one value', () => {
    const before = { id: 'cash', targetWaitMin: 10, names: { en: 'Cash', lv: 'Kase' }, priorityReasonIds: ['senior'], active: true };
    const after = { id: 'cash', targetWaitMin: 4, names: { en: 'Cash', lv: 'Kases' }, priorityReasonIds: ['senior', 'pregnancy'], active: true };
    expect(auditChanges(before, after)).toEqual([
      { field: 'targetWaitMin', before: '10', after: '4' },
      { field: 'names.lv', before: 'Kase', after: 'Kases' },
      { field: 'priorityReasonIds', before: 'senior', after: 'senior, pregnancy' },
    ]);
  });

  it('shows a creation with no value before and a removal with no value after', () => {
    expect(auditChanges(null, { id: 'c5', number: 5 })).toEqual([
      { field: 'id', before: null, after: 'c5' },
      { field: 'number', before: null, after: '5' },
    ]);
    expect(auditChanges({ disabled: false }, { disabled: true })).toEqual([{ field: 'disabled', before: 'false', after: 'true' }]);
    expect(auditChanges({ name: 'Counter 5' }, null)).toEqual([{ field: 'name', before: 'Counter 5', after: null }]);
    expect(auditChanges('on', 'off')).toEqual([{ field: 'value', before: 'on', after: 'off' }]);
  });

  it('writes dates day before month with a 24-hour clock in English too, never US-style', () => {
    expect(staffLocale('en')).toBe('en-GB');
    expect(staffLocale('lv')).toBe('lv');
    const at = Date.UTC(2026, 11, 5, 14, 3, 7);
    const text = dateTimeFormat('en').formatToParts(at);
    const order = text.filter((p) => ['day', 'month', 'year', 'hour'].includes(p.type)).map((p) => p.type);
    expect(order).toEqual(['day', 'month', 'year', 'hour']);
    expect(text.find((p) => p.type === 'year')?.value).toBe('2026');
  });
});
