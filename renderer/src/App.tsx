import { useEffect } from 'react';
import type { DeskState } from '@shared/model/desk-state';
import { AuditView } from './features/audit/AuditView';
import { HistoryView } from './features/history/HistoryView';
import { SettingsView } from './features/settings/SettingsView';
import { SetupView } from './features/setup/SetupView';
import { PhonePrompt } from './features/settings/PhonePrompt';
import { DeskFilter } from './features/sites/DeskFilter';
import { DeskView } from './features/sites/DeskView';
import { MonitorView } from './features/monitor/MonitorView';
import { SitesView } from './features/sites/SitesView';
import { EnvironmentBanner } from './features/training/EnvironmentBanner';
import { AttentionStrip } from './features/attention/AttentionStrip';
import { attentionCounts, attentionItems } from './features/attention/attention';
import { Announcer } from './ui/Announcer';
import { SkipLink } from './ui/SkipLink';
import { useStickyPadding } from './ui/useStickyPadding';
import { ViewHeading } from './ui/ViewHeading';
import { Nav, useViewShortcuts } from './ui/Nav';
import { Notices } from './ui/Notices';
import { ReadinessBar, type TroubleSites } from './ui/ReadinessBar';
import { useDesk, type View } from './store';

/** Alt+P, from any view: the focus goes to the first panic button on the desk. */
function useFirstPanicShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.code !== 'KeyP') return;
      const { desk, focusSite } = useDesk.getState();
      const first = desk?.sites[0];
      if (!first) return;
      e.preventDefault();
      focusSite(first.id, 'panic');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function CurrentView({ view, desk }: { view: View; desk: DeskState }) {
  switch (view) {
    case 'desk':
      // A monitor (issue 24) has no PANIC button: its desk view is the board of every site.
      return desk.policy.role === 'monitor' ? <MonitorView desk={desk} /> : <DeskView desk={desk} />;
    case 'history':
      return <HistoryView desk={desk} />;
    case 'sites':
      return <SitesView desk={desk} />;
    case 'settings':
      return <SettingsView desk={desk} />;
    case 'audit':
      return <AuditView />;
    case 'setup':
      return <SetupView desk={desk} />;
  }
}

export function App() {
  const desk = useDesk((s) => s.desk);
  const view = useDesk((s) => s.view);
  useEffect(() => useDesk.getState().connect(), []);
  useFirstPanicShortcut();
  useViewShortcuts();
  const headerRef = useStickyPadding(desk !== null);

  if (!desk) {
    return (
      <main className="app loading" aria-busy="true">
        <p>Starting Panic Desk…</p>
      </main>
    );
  }
  const counts = attentionCounts(desk);
  const phone = desk.settings.controlRoomPhone;
  const monitor = desk.policy.role === 'monitor';
  const deskTools = view === 'desk' && !monitor;
  return (
    <div className={monitor ? 'app app-monitor' : 'app'}>
      {/* The desk's (hidden) heading comes first: after Alt+1 one Tab reaches the skip link. */}
      {view === 'desk' && <ViewHeading hidden>Desk</ViewHeading>}
      <SkipLink desk={desk} />
      <Announcer desk={desk} />
      <header className="app-header" ref={headerRef}>
        <ReadinessBar
          readiness={desk.readiness}
          hotkeyError={desk.hotkey.error}
          hotkeyWarning={
            desk.settings.hotkey && !desk.hotkey.siteId ? 'Silent hotkey does nothing: no site chosen' : null
          }
          siteKeyErrors={(desk.hotkey.siteKeys ?? []).flatMap((k) => (k.error ? [k.error] : []))}
          policyProblem={desk.policy.problem}
          trouble={troubleSites(desk)}
          phone={phone}
        />
        <EnvironmentBanner desk={desk} />
        <div className="nav-row">
          <Nav counts={counts} />
          {deskTools && <DeskFilter desk={desk} />}
        </div>
        {deskTools && <AttentionStrip desk={desk} />}
      </header>
      {deskTools && !phone && <PhonePrompt />}
      <Notices notices={desk.notices} />
      <CommandError />
      <main className={`view view-${view}`}>
        <CurrentView view={view} desk={desk} />
      </main>
    </div>
  );
}

/** The last refused command's message, until the operator dismisses it. */
function CommandError() {
  const commandError = useDesk((s) => s.commandError);
  const dismissError = useDesk((s) => s.dismissError);
  if (!commandError) return null;
  return (
    <div className="command-error" role="alert">
      <span>{commandError}</span>
      <button type="button" className="button" onClick={dismissError}>
        Dismiss
      </button>
    </div>
  );
}

/** The sites whose presses are in trouble, by headline, for the top of every view. */
function troubleSites(desk: DeskState): TroubleSites {
  const of = (...phases: string[]): string[] => [
    ...new Set(
      attentionItems(desk).flatMap((i) => (i.kind === 'unsent' && phases.includes(i.press.phase) ? [i.siteName] : [])),
    ),
  ];
  return { notConfirmed: of('notConfirmed'), notSent: of('notSent', 'refused', 'stillNeeded') };
}
