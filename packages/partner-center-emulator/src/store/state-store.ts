import fs from 'node:fs';
import path from 'node:path';
import type { EmulatorState } from '../engine/emulator-state';

/**
 * Where the state lives between runs. In memory (no file) by default; with a path, the whole state
 * is written after each mutating request, atomically: write a temporary file in the same folder,
 * fsync, then rename over the old one, so a crash never leaves half a file.
 */
export interface StateStore {
  load(): EmulatorState | undefined;
  save(state: EmulatorState): void;
  readonly path?: string;
}

export function createMemoryStore(): StateStore {
  return { load: () => undefined, save: () => undefined };
}

export function createFileStore(filePath: string): StateStore {
  const absolute = path.resolve(filePath);
  return {
    path: absolute,
    load() {
      if (!fs.existsSync(absolute)) return undefined;
      const text = fs.readFileSync(absolute, 'utf8');
      const parsed = JSON.parse(text) as EmulatorState;
      if (parsed.version !== 1) throw new Error(`${absolute}: unsupported emulator state version ${String(parsed.version)}`);
      return parsed;
    },
    save(state) {
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      const temp = `${absolute}.${process.pid}.tmp`;
      const fd = fs.openSync(temp, 'w');
      try {
        fs.writeSync(fd, JSON.stringify(state));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, absolute);
    },
  };
}
