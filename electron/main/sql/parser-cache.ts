/** Text values by text key, least recently used dropped first, bounded in bytes (UTF-16 size of
 *  key and value); a value over an eighth of the budget is not kept. */
export class TextLru {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: string): void {
    const bytes = sizeOf(key, value);
    if (bytes > this.budgetBytes / 8) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.bytes -= sizeOf(key, previous);
    }
    this.entries.set(key, value);
    this.bytes += bytes;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(oldest, old);
    }
  }
}

function sizeOf(key: string, value: string): number {
  return (key.length + value.length) * 2;
}
