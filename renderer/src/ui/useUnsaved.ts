// A form tells the store whether it has unsaved changes, so that leaving the view asks first;
// leaving the screen (unmounting) withdraws it.
import { useEffect } from 'react';
import { useDesk } from '../store';

export function useUnsaved(formTitle: string, dirty: boolean): void {
  const setUnsaved = useDesk((s) => s.setUnsaved);
  useEffect(() => setUnsaved(formTitle, dirty), [setUnsaved, formTitle, dirty]);
  useEffect(() => () => setUnsaved(formTitle, false), [setUnsaved, formTitle]);
}
