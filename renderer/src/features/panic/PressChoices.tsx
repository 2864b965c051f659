// The operator's choices on a press that nothing sends by itself (issue 20): one past the stale
// limit ("Still needed?"), or one made for another AURA connection than this desk's. Shown on the
// site's card and in the attention strip, so that a press on a site the desk no longer shows can
// still be sent or put away. "Send now" for another connection's press is offered only while its
// secret is in the keychain (the desk says so in `pressesElsewhere`).
import { ENVIRONMENT_WORDS } from '@shared/environments';
import type { PressElsewhere } from '@shared/model/desk-state';
import type { Press } from '@shared/model/press';
import { useDesk } from '../../store';

/** The entry saying this press belongs to another connection, or null when it is this desk's. */
export function useElsewhere(pressId: string): PressElsewhere | null {
  return useDesk((s) => s.desk?.pressesElsewhere.find((e) => e.pressId === pressId) ?? null);
}

/** True when the operator must choose: nothing sends this press by itself. */
export function needsChoice(press: Press, elsewhere: PressElsewhere | null): boolean {
  return elsewhere !== null || press.stale;
}

/** Where a press of another connection was made for, in words. */
export function elsewhereWords(elsewhere: PressElsewhere): string {
  return elsewhere.environment === null
    ? 'the first AURA connection to be set up'
    : ENVIRONMENT_WORDS[elsewhere.environment].name;
}

export function PressChoices({ press, elsewhere }: { press: Press; elsewhere: PressElsewhere | null }) {
  const act = useDesk((s) => s.act);
  const canSend = elsewhere ? elsewhere.canSendNow : press.stale;
  return (
    <span className="press-choices">
      {canSend && (
        <>
          <button type="button" onClick={() => void act('press.sendNow', { pressId: press.id })}>
            Send now
          </button>{' '}
        </>
      )}
      <button type="button" onClick={() => void act('press.putAway', { pressId: press.id })}>
        Put away (I phoned the control room)
      </button>
    </span>
  );
}
