/** A form's submit button, and its "saved" line (announced) once the desk confirmed the save. */
export function SaveActions({ label, saved, savedText }: { label: string; saved: boolean; savedText: string }) {
  return (
    <div className="actions">
      <button type="submit" className="button button-primary">
        {label}
      </button>
      {saved && (
        <p className="ok-text" role="status">
          {savedText}
        </p>
      )}
    </div>
  );
}
