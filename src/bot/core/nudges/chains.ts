// Settling chains: a snooze covers the steps due before it, and after downtime only the latest
// step that is already due is kept (one catch-up message, not one per missed step).
import type { ExistingNudge, PlannedNudge } from './types.js';

export const SNOOZE_STEP = /^snooze-/;

export function settleChains(planned: PlannedNudge[], existing: ExistingNudge[], now: Date): PlannedNudge[] {
  const byChain = new Map<string, PlannedNudge[]>();
  for (const n of planned) {
    const list = byChain.get(n.chain) ?? [];
    if (!list.some((x) => x.key === n.key)) list.push(n);
    byChain.set(n.chain, list);
  }
  const snoozes = new Map<string, ExistingNudge[]>();
  for (const e of existing) {
    if (!e.chain || !SNOOZE_STEP.test(e.step) || e.status === 'cancelled') continue;
    const list = snoozes.get(e.chain) ?? [];
    list.push(e);
    snoozes.set(e.chain, list);
  }

  const out: PlannedNudge[] = [];
  for (const [chain, steps] of byChain) {
    const snoozed = snoozes.get(chain) ?? [];
    const cover = Math.max(-Infinity, ...snoozed.map((s) => s.dueAt.getTime()));
    // A live chain keeps its snooze rows (so the sweep does not cancel them).
    for (const s of snoozed) out.push({ ...steps[0]!, key: s.key, step: s.step, dueAt: s.dueAt });
    const open = steps.filter((s) => s.dueAt.getTime() > cover).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    const due = open.filter((s) => s.dueAt.getTime() <= now.getTime());
    const latestDue = due[due.length - 1];
    if (latestDue) out.push(latestDue);
    out.push(...open.filter((s) => s.dueAt.getTime() > now.getTime()));
  }
  return out;
}
