/** One field an audited change touched, its values as text (null: it had none). */
export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

/**
 * What an audit entry changed, field by field, for people to read instead of two JSON documents: nested objects by
 * dotted path (`names.lv`), lists of plain values as one comma-separated value, only the fields whose value differs.
 * A creation lists every field with no "before", a removal every field with no "after".
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const fields = [...new Set([...old.keys(), ...now.keys()])];
  return fields
    .filter((f) => old.get(f) !== now.get(f))
    .map((field) => ({ field, before: old.get(field) ?? null, after: now.get(field) ?? null }));
}

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    out.set(prefix || 'value', value.map((v) => String(v)).join(', '));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix || 'value', String(value));
  }
  return out;
}
