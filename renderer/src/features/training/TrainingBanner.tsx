export function TrainingBanner() {
  return (
    <div className="training-banner" role="note">
      TRAINING — no responders are dispatched
    </div>
  );
}
