import { useEffect } from 'react';
import type { DeskState } from '../../electron/shared/model';
import { AuditView } from './features/audit/AuditView';
import { HistoryView } from './features/history/HistoryView';
import { SettingsView } from './features/settings/SettingsView';
import { SetupView } from './features/setup/SetupView';
import { DeskView } from './features/sites/DeskView';
import { SitesView } from './features/sites/SitesView';
import { TrainingBanner } from './features/training/TrainingBanner';
import { Nav } from './ui/Nav';
import { Notices } from './ui/Notices';
import { ReadinessBar } from './ui/ReadinessBar';
import { useDesk, type View } from './store';

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

  if (!desk) {
    return (
      <main className="app loading" aria-busy="true">
        <p>Starting Panic Desk…</p>
      </main>
    );
  }
  const active = desk.callouts.filter((c) => c.stage !== 'closed').length;
  return (
    <div className="app">
      <header className="app-header">
        <ReadinessBar readiness={desk.readiness} hotkeyError={desk.hotkey.error} policyProblem={desk.policy.problem} />
        {desk.environment === 'training' && <TrainingBanner />}
        <Nav activeCallouts={active} />
      </header>
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
