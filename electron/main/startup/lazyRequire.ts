import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/** Loads a heavy package the first time it is used instead of when the server starts: report
 *  writers, the DuckDB engine and the MySQL driver together take seconds to load
 *  and most requests never need them. Returns the package's CommonJS export. */
export function lazyRequire<T>(packageName: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= requireFromHere(packageName) as T;
    return loaded;
  };
}
