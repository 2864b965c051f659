// Unsaved changes never stand between the operator and PANIC (issue 23 item 6): leaving a view
// with an edited form goes at once, and the form's draft is kept (in this window's memory only)
// so that it can be restored on coming back.
import { useEffect, useRef } from 'react';
import { useDesk } from '../store';

export interface KeptDraft<T> {
  /** The draft kept when the form was last left with unsaved changes, if any. */
  kept: T | null;
  /** Forget the kept draft (after restoring it, or when the operator discards it). */
  forget(): void;
}

/** Keeps `draft` when the form goes away while `dirty`; offers it back on the next visit. */
export function useKeptDraft<T>(formTitle: string, draft: T, dirty: boolean): KeptDraft<T> {
  const kept = useDesk((s) => s.keptDrafts[formTitle]) as T | undefined;
  const keep = useDesk((s) => s.keepDraft);
  const latest = useRef({ draft, dirty });
  latest.current = { draft, dirty };
  useEffect(
    () => () => {
      if (latest.current.dirty) keep(formTitle, latest.current.draft);
    },
    [keep, formTitle],
  );
  return { kept: kept ?? null, forget: () => keep(formTitle, undefined) };
}

/** The offer to restore a kept draft, at the top of its form (nothing when none is kept). */
export function RestoreDraft<T>({
  title,
  kept,
  onRestore,
}: {
  title: string;
  kept: KeptDraft<T>;
  onRestore(draft: T): void;
}) {
  const draft = kept.kept;
  if (draft === null) return null;
  const restore = (): void => {
    onRestore(draft);
    kept.forget();
  };
  return (
    <div className="restore-draft" role="group" aria-label={`Unsaved changes to ${title}`}>
      <p>You left unsaved changes to “{title}”.</p>
      <button type="button" className="button" onClick={restore}>
        Restore unsaved changes
      </button>{' '}
      <button type="button" className="button" onClick={kept.forget}>
        Discard them
      </button>
    </div>
  );
}
