import fs from 'node:fs';
import path from 'node:path';

/** DejaVu Sans (Bitstream Vera licence, redistributable) ships in resources/fonts so every
 *  document embeds the same fonts on every machine. */
export interface FontFiles { regular: string; bold: string; mono: string }

const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' } as const;

function candidates(): string[] {
  const dirs: string[] = [];
  if (process.env.AISER_FONTS_DIR) dirs.push(process.env.AISER_FONTS_DIR);
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    dirs.push(path.join(dir, 'resources', 'fonts'));
    if (path.dirname(dir) === dir) break;
  }
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged) dirs.push(path.join(packaged, 'fonts'));
  dirs.push('/usr/share/fonts/truetype/dejavu');
  return dirs;
}

let cached: FontFiles | null = null;

export function reportFonts(): FontFiles {
  if (cached) return cached;
  const dir = candidates().find((d) => fs.existsSync(path.join(d, FILES.regular)) && fs.existsSync(path.join(d, FILES.bold)));
  if (!dir) throw new Error('The report fonts (DejaVu Sans) are missing: reinstall the app, or set AISER_FONTS_DIR to a folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf.');
  const mono = fs.existsSync(path.join(dir, FILES.mono)) ? path.join(dir, FILES.mono) : path.join(dir, FILES.regular);
  cached = { regular: path.join(dir, FILES.regular), bold: path.join(dir, FILES.bold), mono };
  return cached;
}

/** The regular font as base64, for the self-contained HTML report. */
export function regularFontBase64(): string {
  return fs.readFileSync(reportFonts().regular).toString('base64');
}
