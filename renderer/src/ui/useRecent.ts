import { useEffect, useState } from 'react';

/** Whether `at` lies less than `windowMs` in the past; flips to false on its own when it expires. */
export function useRecent(at: number | null, windowMs: number): boolean {
  const [now, setNow] = useState(() => Date.now());
  const left = at === null ? 0 : at + windowMs - now;
  useEffect(() => {
    if (left <= 0) return;
    const id = setTimeout(() => setNow(Date.now()), left + 50);
    return () => clearTimeout(id);
  }, [left]);
  return left > 0;
}
