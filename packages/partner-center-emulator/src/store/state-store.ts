import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, type EmulatorState } from '../engine/emulator-state';

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

/** The part of the state that is secret: signing keys, and replayed answers (a created customer's admin password). */
type SealedPart = Pick<EmulatorState, 'secrets' | 'replay'>;
/** The state as written to the file: everything in clear except {@link SealedPart}, sealed with AES-256-GCM. */
type StateFile = Omit<EmulatorState, 'secrets' | 'replay'> & { sealed?: { alg: 'A256GCM'; iv: string; tag: string; data: string } } & Partial<SealedPart>;

const AAD = Buffer.from('csp-emulator state v1');

export interface FileStoreOptions {
  /** 32-byte key sealing the secret part; default: a key kept in `<state file without .json>.key` (mode 0600), made on first use. */
  key?: Buffer;
  /** Told when the secret part cannot be opened (another key) and is started afresh. */
  log?: (message: string) => void;
}

/**
 * The state in a JSON file readable by its owner only (0600). Signing keys (the token key, the
 * webhook RSA key) and the replay store (whose create-customer answers carry Microsoft's one-time
 * admin password) are sealed with AES-256-GCM, never in clear: docs/EMULATOR-DIFFERENCES.md,
 * "State file".
 */
export function createFileStore(filePath: string, opts: FileStoreOptions = {}): StateStore {
  const absolute = path.resolve(filePath);
  let key = opts.key;
  const stateKey = (): Buffer => (key ??= loadOrCreateKeyFile(absolute.replace(/\.json$/i, '') + '.key'));
  if (key && key.length !== 32) throw new Error('the emulator state key must be 32 bytes');
  return {
    path: absolute,
    load() {
      if (!fs.existsSync(absolute)) return undefined;
      const text = fs.readFileSync(absolute, 'utf8');
      const parsed = JSON.parse(text) as StateFile;
      if (parsed.version !== 1) throw new Error(`${absolute}: unsupported emulator state version ${String(parsed.version)}`);
      const { sealed, ...rest } = parsed;
      // A file written before the secret part was sealed holds it in clear: read it, seal it at the next save.
      if (!sealed) return withDefaultSettings(rest as EmulatorState);
      let secretPart: SealedPart;
      try {
        const decipher = createDecipheriv('aes-256-gcm', stateKey(), Buffer.from(sealed.iv, 'base64'));
        decipher.setAAD(AAD);
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
        secretPart = JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8')) as SealedPart;
      } catch {
        opts.log?.(`${absolute}: its signing keys and replay entries were sealed with another key; starting them afresh (tokens issued before are no longer valid, earlier MS-RequestIds are not replayed)`);
        secretPart = { secrets: { tokenKey: randomBytes(32).toString('base64url') }, replay: {} };
      }
      return withDefaultSettings({ ...(rest as Omit<EmulatorState, 'secrets' | 'replay'>), ...secretPart });
    },
    save(state) {
      fs.mkdirSync(path.dirname(absolute), { recursive: true, mode: 0o700 });
      const { secrets, replay, ...rest } = state;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', stateKey(), iv);
      cipher.setAAD(AAD);
      const data = Buffer.concat([cipher.update(JSON.stringify({ secrets, replay } satisfies SealedPart), 'utf8'), cipher.final()]);
      const file: StateFile = { ...rest, sealed: { alg: 'A256GCM', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') } };
      const temp = `${absolute}.${process.pid}.tmp`;
      const fd = fs.openSync(temp, 'w', 0o600);
      try {
        fs.fchmodSync(fd, 0o600);
        fs.writeSync(fd, JSON.stringify(file));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, absolute);
    },
  };
}

/** A state saved before a setting existed gets that setting's default. */
function withDefaultSettings(state: EmulatorState): EmulatorState {
  return { ...state, settings: { ...DEFAULT_SETTINGS, ...state.settings } };
}

function loadOrCreateKeyFile(keyPath: string): Buffer {
  if (fs.existsSync(keyPath)) {
    const key = Buffer.from(fs.readFileSync(keyPath, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${keyPath} does not hold a 32-byte base64 key; delete it together with the state file to start afresh`);
    return key;
  }
  fs.mkdirSync(path.dirname(keyPath), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  fs.writeFileSync(keyPath, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
