// The app's identity, shared with electron-builder.yml's appId (test/unit/repo/builder-config.test.ts
// keeps the two equal). On Windows, notifications show only for an app whose AppUserModelID
// matches its Start-menu shortcut, which the NSIS installer creates with this id.
export const APP_ID = 'com.panicdesk.desk';
