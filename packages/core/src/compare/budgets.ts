import type { BudgetConfig, Config } from "../schema/config.js";

/** The budget that applies to one scenario: a named entry overrides "*" key by key. */
export interface EffectiveBudget {
  maxIncreasePct: { warn: number | null; fail: number | null; budgetIndex: number } | null;
  maxSciGPerUnit: { warn: number | null; fail: number | null; budgetIndex: number } | null;
  enforce: boolean;
}

export function resolveBudget(budgets: readonly BudgetConfig[], scenario: string): EffectiveBudget {
  let relative: EffectiveBudget["maxIncreasePct"] = null;
  let absolute: EffectiveBudget["maxSciGPerUnit"] = null;
  let enforce = true;
  // "*" first, then the named entries, so the more specific one wins for each key it sets.
  const ordered = [
    ...budgets.map((b, i) => [b, i] as const).filter(([b]) => b.scenario === "*"),
    ...budgets.map((b, i) => [b, i] as const).filter(([b]) => b.scenario === scenario),
  ];
  for (const [budget, index] of ordered) {
    if (budget.maxIncreasePct) {
      relative = { warn: budget.maxIncreasePct.warn ?? null, fail: budget.maxIncreasePct.fail ?? null, budgetIndex: index };
    }
    if (budget.maxSciGPerUnit) {
      absolute = { warn: budget.maxSciGPerUnit.warn ?? null, fail: budget.maxSciGPerUnit.fail ?? null, budgetIndex: index };
    }
    if (budget.enforce !== undefined) enforce = budget.enforce;
  }
  return { maxIncreasePct: relative, maxSciGPerUnit: absolute, enforce };
}

/** What the head's config would change about the budgets and assumptions, in reviewer's words. */
export function describeRuleChanges(base: Config, head: Config): string[] {
  const changes: string[] = [];
  const names = new Set([...base.scenarios.map((s) => s.name), ...head.scenarios.map((s) => s.name)]);
  for (const name of names) {
    const before = resolveBudget(base.budgets, name);
    const after = resolveBudget(head.budgets, name);
    const show = (b: EffectiveBudget) =>
      JSON.stringify({
        maxIncreasePct: b.maxIncreasePct && { warn: b.maxIncreasePct.warn, fail: b.maxIncreasePct.fail },
        maxSciGPerUnit: b.maxSciGPerUnit && { warn: b.maxSciGPerUnit.warn, fail: b.maxSciGPerUnit.fail },
        enforce: b.enforce,
      });
    if (show(before) !== show(after)) changes.push(`budget for ${name}: base ${show(before)} → head ${show(after)}`);
  }
  if (JSON.stringify(base.location ?? null) !== JSON.stringify(head.location ?? null)) {
    changes.push(`location: base ${JSON.stringify(base.location ?? null)} → head ${JSON.stringify(head.location ?? null)}`);
  }
  if ((base.pue ?? null) !== (head.pue ?? null)) changes.push(`pue: base ${base.pue ?? "default"} → head ${head.pue ?? "default"}`);
  if (JSON.stringify(base.hardware ?? null) !== JSON.stringify(head.hardware ?? null)) changes.push("hardware (embodied or power model) differs");
  if (JSON.stringify(base.compare) !== JSON.stringify(head.compare)) changes.push(`compare: base ${JSON.stringify(base.compare)} → head ${JSON.stringify(head.compare)}`);
  return changes;
}
