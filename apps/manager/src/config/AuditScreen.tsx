import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditRoute, type AuditEntry } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';
import { ColumnHeads } from '../components/ColumnHeads';
import { auditChanges } from '../model/audit-changes';
import { dateTimeFormat } from '../model/staff-dates';

/** Who changed what and when, newest first, each changed field with its value before and after. */
export function AuditScreen({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void callRoute(AuditRoute, { query: { limit: 200 }, token }).then((r) => {
      if (r.ok) setEntries(r.data.entries);
      else setError(r.message);
    });
  }, [token]);
  const when = dateTimeFormat(i18n.language);
  return (
    <div className="audit">
      <h2>{t('audit.title')}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {entries.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <table>
          <ColumnHeads labels={['audit.when', 'audit.who', 'audit.what', 'audit.changes']} />
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{when.format(e.at)}</td>
                <td>{e.userName ?? e.userId}</td>
                <td>{e.action}{e.target ? ` · ${e.target}` : ''}</td>
                <td>
                  <ul className="changes">
                    {auditChanges(e.before, e.after).map((c) => (
                      <li key={c.field}>
                        <span className="field">{c.field}</span>: {c.before ?? '—'} → {c.after ?? '—'}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
