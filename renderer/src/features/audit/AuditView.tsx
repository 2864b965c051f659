import { eventWords } from '@shared/audit-words';
import { useEffect, useId, useState } from 'react';
import type { AuditEntry } from '@shared/model/audit-entry';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';
import { ViewHeading } from '../../ui/ViewHeading';
import { CsvExport } from './CsvExport';

type Listing = { entries: AuditEntry[]; chainOk: boolean; problem: string | null };

function formatWhen(at: number): string {
  return new Date(at).toLocaleString('en-GB', {
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Whether the hash chain holds, and how many entries are shown. */
function ChainStatus({ listing, shown }: { listing: Listing; shown: number }) {
  return (
    <p className={listing.chainOk ? 'chain-ok' : 'chain-broken'} role="status">
      {listing.chainOk
        ? `Hash chain intact · ${shown} ${shown === 1 ? 'entry' : 'entries'} shown`
        : `Hash chain BROKEN: ${listing.problem ?? 'an entry does not match the one before it'}`}
    </p>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="audit-table">
        <caption className="visually-hidden">Audit log entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Desk</th>
            <th scope="col">Event</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td>{entry.seq}</td>
              <td>
                <time dateTime={new Date(entry.at).toISOString()}>{formatWhen(entry.at)}</time>
              </td>
              <td>{entry.desk || '—'}</td>
              <td>{eventWords(entry.kind)}</td>
              <td>{entry.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The hash-chained audit log: newest first, filtered by any text, exported as CSV. */
export function AuditView() {
  const [text, setText] = useState('');
  // The listing stays while a new filter loads; an answer to an older filter is ignored.
  const list = useCommand('audit.list', {
    failure: (message) => `The audit log could not be read: ${message}`,
    keepWhileBusy: true,
  });
  const load = list.run;
  const filterId = useId();

  useEffect(() => {
    const id = setTimeout(() => void load({ text: text.trim(), limit: 500 }), text ? 250 : 0);
    return () => clearTimeout(id);
  }, [load, text]);

  const listing = list.result;
  const entries = listing ? [...listing.entries].sort((a, b) => b.seq - a.seq) : [];
  return (
    <>
      <ViewHeading>Audit log</ViewHeading>
      <section className="panel" aria-labelledby="audit-title">
        <h2 id="audit-title" className="visually-hidden">
          Entries
        </h2>
        <div className="toolbar">
          <div className="filter-bar">
            <label htmlFor={filterId}>Filter the audit log</label>
            <input
              id={filterId}
              type="search"
              value={text}
              maxLength={200}
              autoComplete="off"
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <button type="button" className="button" onClick={() => void load({ text: text.trim(), limit: 500 })}>
            Refresh
          </button>
          <CsvExport filter={text.trim()} />
        </div>
        <ErrorText message={list.error} />
        {listing && <ChainStatus listing={listing} shown={entries.length} />}
        {listing && entries.length === 0 && <p className="empty">No entry matches.</p>}
        {entries.length > 0 && <AuditTable entries={entries} />}
      </section>
    </>
  );
}
