// Validates a card with the Adaptive Cards SDK: parse with a SerializationContext, collect every
// parse and validation event, and check nothing we set was dropped as unknown.
import { createRequire } from 'node:module';

// The package's ESM build has extension-less imports Node cannot load; its UMD bundle loads fine.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json as any, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  const results = card.validateProperties();
  for (let i = 0; i < results.validationEvents.length; i++) problems.push(`validate: ${results.validationEvents[i]!.message}`);
  if ((json as any)?.version !== '1.5') problems.push('version: expected 1.5');
  return problems;
}
