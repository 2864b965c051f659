import { useEffect, useState } from 'react';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';
import { csvFileName } from './csvFileName';

type Download = { url: string; name: string };

/**
 * Export as CSV: main builds the file, the renderer hands it to the operator as a blob: download
 * (the renderer makes no network request; the CSP allows nothing else and needs nothing else).
 */
export function CsvExport({ filter }: { filter: string }) {
  const exporting = useCommand('audit.exportCsv', {
    failure: (message) => `Export failed: ${message}`,
    keepWhileBusy: true,
  });
  const [download, setDownload] = useState<Download | null>(null);

  useEffect(() => () => void (download && URL.revokeObjectURL(download.url)), [download]);

  const exportCsv = async (): Promise<void> => {
    const result = await exporting.run({ text: filter });
    if (!result.ok) return;
    const blob = new Blob([result.value.csv], { type: 'text/csv;charset=utf-8' });
    const next = { url: URL.createObjectURL(blob), name: csvFileName(new Date()) };
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
      <ErrorText message={exporting.error} />
    </div>
  );
}
