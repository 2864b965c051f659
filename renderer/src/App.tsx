import { useEffect } from 'react';
import { SiteGrid } from './features/sites/SiteGrid';
import { TrainingBanner } from './features/training/TrainingBanner';
import { ReadinessBar } from './ui/ReadinessBar';
import { useDesk } from './store';

export function App() {
  const desk = useDesk((s) => s.desk);
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
  return (
    <div className="app">
      <ReadinessBar readiness={desk.readiness} />
      {desk.environment === 'training' && <TrainingBanner />}
      {commandError && (
        <div className="command-error" role="alert">
          <span>{commandError}</span>
          <button type="button" onClick={dismissError}>
            Dismiss
          </button>
        </div>
      )}
      <main>
        <h1 className="visually-hidden">Panic Desk</h1>
        <SiteGrid desk={desk} />
      </main>
    </div>
  );
}
