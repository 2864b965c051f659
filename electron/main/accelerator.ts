// Main's view of the silent hotkey's accelerator check. The rule itself lives in
// electron/shared/accelerator.ts so that main (before globalShortcut), core (settings.update) and
// the renderer's recorder refuse exactly the same combinations from one reserved list.
export { checkAccelerator, RESERVED_SHORTCUTS, type AcceleratorCheck } from '../shared/accelerator';
