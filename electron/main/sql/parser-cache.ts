import { ByteLru, stringBytes } from '../memory';

const textBytes = (value: string, key: string) => stringBytes(key) + stringBytes(value);

/** Text values by text key, least recently used dropped first, bounded in bytes (UTF-16 size of
 *  key and value); a value over an eighth of the budget is not kept. */
export class TextLru {
  private readonly entries: ByteLru<string>;

  constructor(private readonly budgetBytes: number) {
    this.entries = new ByteLru<string>({ maxBytes: budgetBytes, sizeOf: textBytes });
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: string): void {
    if (textBytes(value, key) > this.budgetBytes / 8) return;
    this.entries.set(key, value);
  }
}
