// `npm run policy:templates`: writes the admin templates (ADMX/ADML, the macOS sample profile,
// the JSON Schema) from the policy's schema. Run it after adding or changing a policy key, and
// commit the result: test/unit/policy-templates.test.ts fails while they differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { policyTemplates } from './policy-templates/generate';

const root = join(__dirname, '..');
for (const [path, content] of Object.entries(policyTemplates())) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
  console.log(`wrote ${path}`);
}
