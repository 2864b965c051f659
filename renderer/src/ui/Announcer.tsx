import { useEffect, useRef, useState } from 'react';
import type { DeskState } from '@shared/model/desk-state';
import { troubleNews } from '../features/attention/announcements';

/**
 * The desk's one assertive live region, there from the first paint: a press's trouble is said
 * once, with its site and the number to phone, and again only when it really changes. Nothing
 * else on the screen is assertive or an alert for it (issue 23 item 8).
 */
export function Announcer({ desk }: { desk: DeskState }) {
  const said = useRef(new Set<string>());
  const [text, setText] = useState('');
  const news = troubleNews(desk);
  const keys = news.map((n) => n.key).join('|');
  useEffect(() => {
    const fresh = news.filter((n) => !said.current.has(n.key));
    for (const n of fresh) said.current.add(n.key);
    if (fresh.length > 0) setText(fresh.map((n) => n.text).join(' '));
    else if (news.length === 0) setText('');
    // Only a new key is news: the words of a known one are not said again.
  }, [keys]);
  return (
    <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
      {text}
    </p>
  );
}
