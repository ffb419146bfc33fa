/** Chooses what fits in the token budget, most relevant first. */

/** Approximate tokens of a text: characters / 4, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export interface BudgetItem {
  key: string;
  tokens: number;
  /** 0..1; higher is kept first. Required items are always kept. */
  priority: number;
  required?: boolean;
}

export interface BudgetChoice {
  kept: Set<string>;
  dropped: number;
  usedTokens: number;
}

/** Required items first, then by priority (ties: smaller first); an item that does not fit is
 *  skipped and smaller, less relevant items may still fill the remaining space. */
export function fitToBudget(items: readonly BudgetItem[], budget: number): BudgetChoice {
  const order = [...items].sort((a, b) => Number(!!b.required) - Number(!!a.required) || b.priority - a.priority || a.tokens - b.tokens);
  const kept = new Set<string>();
  let used = 0;
  for (const item of order) {
    if (item.required || used + item.tokens <= budget) {
      kept.add(item.key);
      used += item.tokens;
    }
  }
  return { kept, dropped: items.length - kept.size, usedTokens: used };
}
