import { useId } from 'react';

interface Props {
  label: string;
  query: string;
  onQuery(query: string): void;
  /** What the filter leaves, in words ("12 of 500 sites"); announced politely. */
  count: string;
}

/** A labelled search box with a live count, for long lists of sites. */
export function FilterBar({ label, query, onQuery, count }: Props) {
  const id = useId();
  return (
    <div className="filter-bar">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={query} autoComplete="off" onChange={(e) => onQuery(e.target.value)} />
      <span className="filter-count" role="status">
        {count}
      </span>
    </div>
  );
}
