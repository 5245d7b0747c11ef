#!/usr/bin/env node
// Regenerates protocol-ext/README.md and protocol-ext/schema.json from the built definitions.
// Run after `npm run build` (npm run protocol:docs does both).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const root = fileURLToPath(new URL('..', import.meta.url));
const { REQUESTS, NOTIFICATIONS } = await import('../dist/protocol-ext/index.js');
const { protocolBundle, protocolMarkdown } = await import('../dist/protocol-ext/reference.js');
const bundle = protocolBundle(REQUESTS, NOTIFICATIONS);
writeFileSync(root + 'protocol-ext/schema.json', JSON.stringify(bundle, null, 2) + '\n');
writeFileSync(root + 'protocol-ext/README.md', protocolMarkdown(bundle) + '\n');
console.log(`protocol reference: ${Object.keys(bundle.requests).length} requests, ${Object.keys(bundle.notifications).length} notifications`);
