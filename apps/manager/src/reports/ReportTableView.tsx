import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportTable } from '@rinda/shared';
import { downloadReportCsv } from '../model/report-api';
import { ColumnHeads } from '../components/ColumnHeads';

interface Props {
  title: string;
  table: ReportTable;
  token: string;
  label: (key: string) => string;
}

/** A report as a table with the server's columns, and the same columns as a CSV download. */
export function ReportTableView({ title, table, token, label }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    const result = await downloadReportCsv(token, table);
    setError(result.ok ? null : result.message);
  };
  return (
    <section className="report-table" aria-label={title}>
      <header>
        <h3>{title}</h3>
        <button type="button" onClick={() => void download()}>{t('reports.downloadCsv')}</button>
      </header>
      {error && <p role="alert" className="error">{error}</p>}
      {table.rows.length === 0 ? (
        <p className="muted">{t('reports.noData')}</p>
      ) : (
        <div className="scroll" tabIndex={0}>
          <table>
            <ColumnHeads labels={table.columns.map((c) => `columns.${c}`)} />
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {table.columns.map((c) => (
                    <td key={c}>{c === 'group' ? label(String(row[c] ?? '')) : (row[c] ?? '—')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
