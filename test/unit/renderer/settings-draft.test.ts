// The Settings form's draft (features/settings/settingsDraft.ts): read back, checked, sent.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../electron/shared/model/settings';
import { checkDraft, draftOf, parseStaleMinutes } from '../../../renderer/src/features/settings/settingsDraft';

describe("the Settings form's draft", () => {
  it('reads the saved settings back unchanged', () => {
    const draft = draftOf(DEFAULT_SETTINGS);
    const { patch, errors } = checkDraft(draft);
    expect(errors).toEqual({ hold: undefined, stale: undefined, compactFrom: undefined });
    expect(patch).toMatchObject({
      holdMs: DEFAULT_SETTINGS.holdMs,
      stalePressMinutes: DEFAULT_SETTINGS.stalePressMinutes,
      hotkey: DEFAULT_SETTINGS.hotkey,
    });
  });

  it('sends the compact-from number only with the automatic layout', () => {
    const draft = draftOf(DEFAULT_SETTINGS);
    expect(checkDraft({ ...draft, deskLayout: 'auto', compactFrom: '12' }).patch).toMatchObject({ compactFrom: 12 });
    expect(checkDraft({ ...draft, deskLayout: 'compact', compactFrom: '12' }).patch).not.toHaveProperty('compactFrom');
  });

  it('refuses each bad number in words, and sends nothing', () => {
    const draft = draftOf(DEFAULT_SETTINGS);
    const bad = checkDraft({ ...draft, holdSeconds: '9', staleMinutes: '0', compactFrom: '1' });
    expect(bad.patch).toBeNull();
    expect(bad.errors.hold).toBe('Hold time is between 0 and 5 seconds');
    expect(bad.errors.stale).toBe('Enter a whole number of minutes from 1 to 1440');
    expect(bad.errors.compactFrom).toBe('Enter a whole number of sites from 2 to 1000');
    expect(checkDraft({ ...draft, compactFrom: '1001' }).patch).toBeNull();
    expect(checkDraft({ ...draft, compactFrom: '2.5' }).patch).toBeNull();
  });

  it.each([
    ['1', 1],
    [' 1440 ', 1440],
    ['0', null],
    ['1441', null],
    ['1.5', null],
    ['', null],
    ['ten', null],
  ])('reads the late-press limit %j as %j', (text, minutes) => {
    expect(parseStaleMinutes(text)).toBe(minutes);
  });
});
