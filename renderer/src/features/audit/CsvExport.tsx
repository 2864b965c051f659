import { useEffect, useState } from 'react';
import { useDesk } from '../../store';
import { ErrorText } from '../../ui/ErrorText';

type Download = { url: string; name: string };

/**
 * Export as CSV: main builds the file, the renderer hands it to the operator as a blob: download
 * (the renderer makes no network request; the CSP allows nothing else and needs nothing else).
 */
export function CsvExport({ filter }: { filter: string }) {
  const call = useDesk((s) => s.call);
  const [download, setDownload] = useState<Download | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => () => void (download && URL.revokeObjectURL(download.url)), [download]);

  const exportCsv = async (): Promise<void> => {
    const result = await call('audit.exportCsv', { text: filter });
    if (!result.ok) return setError(`Export failed: ${result.error.message}`);
    setError(null);
    const blob = new Blob([result.value.csv], { type: 'text/csv;charset=utf-8' });
    // Local time, as on the screen and in the file (its rows carry their UTC offset).
    const d = new Date();
    const pad = (n: number): string => String(n).padStart(2, '0');
    const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
    const next = {
      url: URL.createObjectURL(blob),
      name: `panic-desk-audit-${stamp}.csv`,
    };
    setDownload(next);
    const a = document.createElement('a');
    a.href = next.url;
    a.download = next.name;
    a.click();
  };

  return (
    <div className="csv-export">
      <button type="button" className="button" onClick={() => void exportCsv()}>
        Export CSV
      </button>
      {download && (
        <p className="ok-text" role="status">
          Exported:{' '}
          <a href={download.url} download={download.name}>
            {download.name}
          </a>
        </p>
      )}
      <ErrorText message={error} />
    </div>
  );
}
