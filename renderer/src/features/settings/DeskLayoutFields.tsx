import { useId } from 'react';
import { DESK_LAYOUTS, type DeskLayout } from '@shared/model/settings';
import { TextField } from '../../ui/TextField';

const LAYOUT_WORDS: Record<DeskLayout, { label: string; hint: string }> = {
  auto: { label: 'Automatic', hint: 'Normal cards, compact ones from the number of sites below.' },
  compact: { label: 'Compact', hint: 'Smaller cards: many panic buttons on one screen.' },
  normal: { label: 'Normal', hint: 'Large cards with the site address.' },
};

/** The desk's card layout: compact fits a dozen or more panic buttons on one screen. */
export function DeskLayoutFields({
  layout,
  compactFrom,
  compactFromError,
  onLayout,
  onCompactFrom,
}: {
  layout: DeskLayout;
  compactFrom: string;
  compactFromError: string | undefined;
  onLayout(layout: DeskLayout): void;
  onCompactFrom(text: string): void;
}) {
  const group = useId();
  return (
    <fieldset className="fieldset">
      <legend>Desk layout</legend>
      <div className="radios">
        {DESK_LAYOUTS.map((l) => (
          <div key={l} className="radio">
            <input
              id={`${group}-${l}`}
              type="radio"
              name={group}
              value={l}
              checked={layout === l}
              aria-describedby={`${group}-${l}-hint`}
              onChange={() => onLayout(l)}
            />
            <label htmlFor={`${group}-${l}`} className="radio-label">
              {LAYOUT_WORDS[l].label}
            </label>
            <span className="radio-hint" id={`${group}-${l}-hint`}>
              {LAYOUT_WORDS[l].hint}
            </span>
          </div>
        ))}
      </div>
      {layout === 'auto' && (
        <TextField
          label="Compact from this many sites"
          hint="With Automatic: the desk turns compact when it shows this many sites or more (2 to 1000)."
          inputMode="numeric"
          value={compactFrom}
          error={compactFromError}
          onChange={onCompactFrom}
        />
      )}
    </fieldset>
  );
}
