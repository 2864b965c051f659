import { useEffect } from 'react';
import type { DeskState } from '@shared/model/desk-state';
import { AuditView } from './features/audit/AuditView';
import { HistoryView } from './features/history/HistoryView';
import { SettingsView } from './features/settings/SettingsView';
import { SetupView } from './features/setup/SetupView';
import { PhonePrompt } from './features/settings/PhonePrompt';
import { DeskFilter } from './features/sites/DeskFilter';
import { DeskView } from './features/sites/DeskView';
import { SitesView } from './features/sites/SitesView';
import { TrainingBanner } from './features/training/TrainingBanner';
import { AttentionStrip } from './features/attention/AttentionStrip';
import { attentionCounts, attentionItems } from './features/attention/attention';
import { LeaveDialog } from './ui/LeaveDialog';
import { Nav, useViewShortcuts } from './ui/Nav';
import { Notices } from './ui/Notices';
import { ReadinessBar } from './ui/ReadinessBar';
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
      return <DeskView desk={desk} />;
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
  const commandError = useDesk((s) => s.commandError);
  const dismissError = useDesk((s) => s.dismissError);
  useEffect(() => useDesk.getState().connect(), []);
  useFirstPanicShortcut();
  useViewShortcuts();

  if (!desk) {
    return (
      <main className="app loading" aria-busy="true">
        <p>Starting Panic Desk…</p>
      </main>
    );
  }
  const counts = attentionCounts(desk);
  const unsentSites = [...new Set(attentionItems(desk).flatMap((i) => (i.kind === 'unsent' ? [i.siteName] : [])))];
  return (
    <div className="app">
      <header className="app-header">
        <ReadinessBar
          readiness={desk.readiness}
          hotkeyError={desk.hotkey.error}
          policyProblem={desk.policy.problem}
          unsentSites={unsentSites}
        />
        {desk.environment === 'training' && <TrainingBanner />}
        <div className="nav-row">
          <Nav activeCallouts={counts.active} unsentPresses={counts.unsent} />
          {view === 'desk' && <DeskFilter desk={desk} />}
        </div>
        {view === 'desk' && !desk.settings.controlRoomPhone && <PhonePrompt />}
        {view === 'desk' && <AttentionStrip desk={desk} />}
      </header>
      <LeaveDialog />
      <Notices notices={desk.notices} />
      {commandError && (
        <div className="command-error" role="alert">
          <span>{commandError}</span>
          <button type="button" className="button" onClick={dismissError}>
            Dismiss
          </button>
        </div>
      )}
      <main className={`view view-${view}`}>
        <CurrentView view={view} desk={desk} />
      </main>
    </div>
  );
}
