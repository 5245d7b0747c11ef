/**
 * Generates the protocol reference (Markdown) and a JSON Schema bundle from the definitions, so
 * Neovim / Helix users and other clients follow the same truth. Pure: returns strings.
 */
import { z } from 'zod';
import { CommandArgs } from './commands.js';
import { PROTOCOL_VERSION } from './version.js';
import type { AnyNotificationDef, AnyRequestDef } from './define.js';

function schemaOf(s: z.ZodType, io: 'input' | 'output'): unknown {
  const json = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json['$schema'];
  return json;
}

export interface ProtocolBundle {
  version: string;
  requests: Record<string, { doc: string; params: unknown; result: unknown }>;
  notifications: Record<string, { doc: string; params: unknown }>;
  commands: Record<string, { arguments: unknown }>;
}

export function protocolBundle(requests: readonly AnyRequestDef[], notifications: readonly AnyNotificationDef[]): ProtocolBundle {
  return {
    version: PROTOCOL_VERSION,
    requests: Object.fromEntries(requests.map((r) => [r.method, { doc: r.doc, params: schemaOf(r.params, 'input'), result: schemaOf(r.result, 'output') }])),
    notifications: Object.fromEntries(notifications.map((n) => [n.method, { doc: n.doc, params: schemaOf(n.params, 'input') }])),
    commands: Object.fromEntries(Object.entries(CommandArgs).map(([name, s]) => [name, { arguments: schemaOf(s, 'input') }])),
  };
}

function block(value: unknown): string {
  return '```json\n' + JSON.stringify(value, null, 2) + '\n```';
}

export function protocolMarkdown(bundle: ProtocolBundle): string {
  const out: string[] = [
    '# SmallCode protocol reference',
    '',
    `Protocol version **${bundle.version}** (advertised under \`experimental.smallcode.protocolVersion\` in the initialize result).`,
    '',
    'Generated from the zod schemas in `protocol-ext/` by `npm run protocol:docs`; do not edit by hand',
    '(`test/protocol-ext/reference.test.ts` fails when this file is stale). The same schemas as one',
    'JSON document: `protocol-ext/schema.json`.',
    '',
    'Errors: invalid params answer `InvalidParams` (-32602) naming the field path; domain failures',
    'answer `RequestFailed` (-32803) with `data: {code, tried?, next?}`; cancellation answers',
    '`RequestCancelled` (-32800); an unknown `smallcode/*` method answers `MethodNotFound` (-32601).',
    '',
    '## Methods',
    '',
    '| method | kind | what it does |',
    '|---|---|---|',
    ...Object.entries(bundle.requests).map(([m, r]) => `| \`${m}\` | request | ${r.doc} |`),
    ...Object.entries(bundle.notifications).map(([m, n]) => `| \`${m}\` | notification (server → client) | ${n.doc} |`),
    '',
    '## workspace/executeCommand commands',
    '',
    'For clients that cannot send custom requests (Helix): one JSON object as the only argument.',
    '',
    ...Object.entries(bundle.commands).flatMap(([name, c]) => [`### \`${name}\``, '', block(c.arguments), '']),
  ];
  for (const [m, r] of Object.entries(bundle.requests)) {
    out.push(`## \`${m}\``, '', r.doc, '', 'Params:', '', block(r.params), '', 'Result:', '', block(r.result), '');
  }
  for (const [m, n] of Object.entries(bundle.notifications)) {
    out.push(`## \`${m}\` (notification)`, '', n.doc, '', 'Params:', '', block(n.params), '');
  }
  return out.join('\n');
}
