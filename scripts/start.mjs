// `npm start`: builds and opens the desktop app; when Electron's binary is missing (it is
// downloaded on first install or launch, which an offline machine cannot do) it says so and
// points to server mode, which needs no download.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SERVER_MODE = [
  'Electron (the desktop shell) is not installed on this machine, and it could not be downloaded.',
  'Use server mode instead, which needs no download — the same app in your browser:',
  '',
  '    npm run serve',
  '',
  'then open the address it prints (http://127.0.0.1:7420 by default).',
  'To get the desktop app later, on a machine with internet run: npm rebuild electron',
].join('\n');

function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

let binary = electronBinary();
if (!binary && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
  // One attempt to fetch it (Electron's own installer); offline this fails quickly.
  const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 });
  binary = electronBinary();
}
if (!binary) {
  console.error(SERVER_MODE);
  process.exit(1);
}
const built = run('npm', ['run', 'build']);
if (built !== 0) process.exit(built);
process.exit(run(binary, ['.']));
