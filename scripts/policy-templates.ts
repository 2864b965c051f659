// `npm run policy:templates`: writes what the policy table (electron/core/policy/policy-keys.ts) makes:
// the admin templates (ADMX/ADML, the macOS sample profile, the JSON Schema), docs/policy.md's key
// table and electron/shared/model/lock-names.ts. Run it after adding or changing a policy key, and
// commit the result: test/unit/scripts/policy-templates.test.ts fails while they differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { policyFiles } from './policy-templates/docs';

const root = join(__dirname, '..');
void policyFiles(root).then((files) => {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
    console.log(`wrote ${path}`);
  }
});
