/** Dashboard grid maths: 12 columns, rows of fixed height; moves push others down, then everything floats up. */
export const GRID_COLUMNS = 12;
export const ROW_HEIGHT = 88;

export interface GridItem { id: string; x: number; y: number; w: number; h: number }

function overlaps(a: GridItem, b: GridItem): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function clampItem(item: GridItem): GridItem {
  const w = Math.max(2, Math.min(GRID_COLUMNS, Math.round(item.w)));
  const h = Math.max(2, Math.min(12, Math.round(item.h)));
  const x = Math.max(0, Math.min(GRID_COLUMNS - w, Math.round(item.x)));
  return { ...item, x, y: Math.max(0, Math.round(item.y)), w, h };
}

/** Places `moved` where asked, pushes colliding items below it and compacts the grid upwards. */
export function resolveLayout(items: GridItem[], moved?: GridItem): GridItem[] {
  const fixed = moved ? clampItem(moved) : undefined;
  const others = items.filter((i) => i.id !== fixed?.id).map(clampItem).sort((a, b) => a.y - b.y || a.x - b.x);
  const placed: GridItem[] = fixed ? [fixed] : [];
  for (const item of others) {
    const next = { ...item };
    let hit = placed.find((p) => overlaps(p, next));
    while (hit) {
      next.y = hit.y + hit.h;
      hit = placed.find((p) => overlaps(p, next));
    }
    placed.push(next);
  }
  // Float up: each item rises while the space above is free (the moved one stays put).
  const order = [...placed].sort((a, b) => a.y - b.y || a.x - b.x);
  const settled: GridItem[] = [];
  for (const item of order) {
    const next = { ...item };
    if (next.id !== fixed?.id) {
      while (next.y > 0 && !settled.some((s) => overlaps(s, { ...next, y: next.y - 1 })) && !(fixed && next.id !== fixed.id && overlaps(fixed, { ...next, y: next.y - 1 }))) next.y -= 1;
    }
    settled.push(next);
  }
  return items.map((i) => settled.find((s) => s.id === i.id) ?? i);
}

/** Where a new widget goes: the first free spot of width `w`, scanning rows top to bottom. */
export function nextFreeSpot(items: GridItem[], w = 6, h = 4): { x: number; y: number } {
  for (let y = 0; y < 1000; y++) {
    for (let x = 0; x + w <= GRID_COLUMNS; x++) {
      const probe = { id: '', x, y, w, h };
      if (!items.some((i) => overlaps(i, probe))) return { x, y };
    }
  }
  return { x: 0, y: 0 };
}
