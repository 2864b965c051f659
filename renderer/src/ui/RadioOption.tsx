// One choice of a radio group, with its hint tied to it for screen readers (aria-describedby).
// Setup's environments and Settings' desk layouts are both lists of these.
export function RadioOption<V extends string>(props: {
  group: string;
  value: V;
  label: string;
  hint: string;
  checked: boolean;
  disabled?: boolean;
  onChoose: (value: V) => void;
}) {
  const { group, value } = props;
  return (
    <div className="radio">
      <input
        id={`${group}-${value}`}
        type="radio"
        name={group}
        value={value}
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={`${group}-${value}-hint`}
        onChange={() => props.onChoose(value)}
      />
      <label htmlFor={`${group}-${value}`} className="radio-label">
        {props.label}
      </label>
      <span className="radio-hint" id={`${group}-${value}-hint`}>
        {props.hint}
      </span>
    </div>
  );
}
