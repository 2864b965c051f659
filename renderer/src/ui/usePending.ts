import { useEffect, useState } from 'react';

/**
 * A control that shows the operator's choice at once, before the desk's next state confirms it.
 * The pending choice is dropped when the desk's value changes (confirmed) or by `drop` (refused).
 */
export function usePending<T>(value: T): [shown: T, choose: (next: T) => void, drop: () => void] {
  const [pending, setPending] = useState<{ value: T } | null>(null);
  useEffect(() => setPending(null), [value]);
  return [pending ? pending.value : value, (next) => setPending({ value: next }), () => setPending(null)];
}
