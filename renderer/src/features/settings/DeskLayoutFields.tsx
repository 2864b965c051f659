import { useId } from 'react';
import { DESK_LAYOUTS, type DeskLayout } from '@shared/model/settings';
import { RadioOption } from '../../ui/RadioOption';
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
          <RadioOption
            key={l}
            group={group}
            value={l}
            label={LAYOUT_WORDS[l].label}
            hint={LAYOUT_WORDS[l].hint}
            checked={layout === l}
            onChoose={onLayout}
          />
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
