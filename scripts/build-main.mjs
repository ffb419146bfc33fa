// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS) into dist/.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main/index.ts'],
  outfile: 'dist/electron/main/index.js',
  format: 'esm',
  packages: 'external',
  banner: { js: "import { createRequire as __aiserCreateRequire } from 'node:module'; const require = __aiserCreateRequire(import.meta.url);" },
});

// Server mode and the CLI (`node dist/electron/main/cli.js serve`): no TypeScript compiled at start.
await build({
  ...common,
  entryPoints: ['electron/main/cli/index.ts'],
  outfile: 'dist/electron/main/cli.js',
  format: 'esm',
  packages: 'external',
  banner: { js: "import { createRequire as __aiserCreateRequire } from 'node:module'; const require = __aiserCreateRequire(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: ['electron/main/context/embeddings/embeddingWorker.ts'],
  outfile: 'dist/electron/main/embeddingWorker.js',
  format: 'esm',
  packages: 'external',
  banner: { js: "import { createRequire as __aiserCreateRequire } from 'node:module'; const require = __aiserCreateRequire(import.meta.url);" },
});

// The first-run demo data is generated on its own thread (see demo/offThread.ts).
await build({
  ...common,
  entryPoints: ['electron/main/demo/demoWorker.ts'],
  outfile: 'dist/electron/main/demoWorker.js',
  format: 'esm',
  packages: 'external',
});

await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'dist/preload/index.cjs',
  format: 'cjs',
  external: ['electron'],
});
console.log('built dist/electron/main/{index,cli}.js and dist/preload/index.cjs');
