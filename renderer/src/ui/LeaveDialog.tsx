import { useDesk } from '../store';
import { Dialog } from './Dialog';

/** Asked before leaving a view with unsaved changes: nothing the operator typed is lost silently. */
export function LeaveDialog() {
  const leaving = useDesk((s) => s.leaving);
  const unsaved = useDesk((s) => s.unsaved);
  const confirmLeave = useDesk((s) => s.confirmLeave);
  if (!leaving) return null;
  return (
    <Dialog title="Leave without saving?" onClose={() => confirmLeave(false)}>
      <p>
        These changes are not saved yet: <strong>{unsaved.join(', ')}</strong>.
      </p>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => confirmLeave(false)}>
          Stay and save
        </button>
        <button type="button" className="button" onClick={() => confirmLeave(true)}>
          Leave without saving
        </button>
      </div>
    </Dialog>
  );
}
