// The environments' words (electron/shared/environments.ts), for Setup and the readiness line.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, ENVIRONMENT_WORDS } from '../../../electron/shared/environments';
import { ENVIRONMENTS } from '../../../electron/shared/model/connection';

describe("the environments' words", () => {
  it('names every environment once, for Setup and for the readiness line', () => {
    for (const env of ENVIRONMENTS) {
      expect(ENVIRONMENT_NAMES[env]).toBe(ENVIRONMENT_WORDS[env].name);
      expect(ENVIRONMENT_WORDS[env].label.length).toBeGreaterThan(0);
    }
    expect(ENVIRONMENTS.map((e) => ENVIRONMENT_WORDS[e].label)).toEqual([
      'Training',
      'Staging',
      'Production',
      'Custom',
    ]);
    expect(ENVIRONMENT_NAMES.staging).toBe('AURA Staging');
  });
});
