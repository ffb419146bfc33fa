import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

interface BuilderConfig {
  appId: string;
  files: string[];
  asarUnpack: string[];
  afterPack: string;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[]; hardenedRuntime: boolean };
}

describe('desktop installers (electron-builder.yml)', () => {
  const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

  it('builds AppImage, deb, rpm, NSIS and dmg', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb', 'rpm']));
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
  });

  it('packs the built bundle, unpacks native modules and workers, and sets the fuses after packing', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9]+)+$/);
    expect(config.files).toContain('dist/**');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'dist/electron/main/embeddingWorker.js']));
    expect(fs.existsSync(path.join(ROOT, config.afterPack))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(fs.readFileSync(path.join(ROOT, 'scripts', 'build-main.mjs'), 'utf8')).toContain(`outfile: '${pkg.main}'`);
  });
});
