import fs from 'node:fs';
import path from 'node:path';

/**
 * Makes the data folder readable by its owner only: the folder and every folder inside 0700, every
 * file 0600 (PGlite's database and the workflow journal, the emulator's state, the secret key, the
 * lock). Files written before this rule existed (PGlite made them 0666 or 0644) are corrected; new
 * ones are covered by the process umask that `main.ts` sets to 077 before anything is written.
 * Returns how many entries were corrected.
 */
export function restrictDataDir(dir: string): number {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let corrected = 0;
  const visit = (p: string, isDir: boolean) => {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink()) return; // chmod would follow it out of the data folder
    const wanted = isDir ? 0o700 : 0o600;
    if ((stat.mode & 0o777) !== wanted) {
      fs.chmodSync(p, wanted);
      corrected++;
    }
    if (!isDir) return;
    for (const entry of fs.readdirSync(p, { withFileTypes: true })) visit(path.join(p, entry.name), entry.isDirectory());
  };
  visit(dir, true);
  return corrected;
}
