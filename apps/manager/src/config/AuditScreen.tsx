import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditRoute, type AuditEntry } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';
import { ColumnHeads } from '../components/ColumnHeads';

/** Who changed what and when, newest first, with the values before and after. */
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
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <div className="audit">
      <h2>{t('audit.title')}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {entries.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <table>
          <ColumnHeads labels={['audit.when', 'audit.who', 'audit.what', 'audit.before', 'audit.after']} />
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{when.format(e.at)}</td>
                <td>{e.userName ?? e.userId}</td>
                <td>{e.action}{e.target ? ` · ${e.target}` : ''}</td>
                <td><code>{e.before === null ? '—' : JSON.stringify(e.before)}</code></td>
                <td><code>{e.after === null ? '—' : JSON.stringify(e.after)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
