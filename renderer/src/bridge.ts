// The renderer's only way out: `window.panicDesk`, provided by the preload (Electron) or by the
// web harness's WebSocket client (tests). The renderer never knows which.
import type { PanicDeskBridge } from '@shared/contract';

declare global {
  interface Window {
    panicDesk?: PanicDeskBridge;
  }
}

export function getBridge(): PanicDeskBridge {
  const bridge = window.panicDesk;
  if (!bridge) throw new Error('window.panicDesk is missing: Panic Desk must run inside its app or test harness');
  return bridge;
}
