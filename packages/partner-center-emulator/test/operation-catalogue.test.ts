import { readdirSync, readFileSync } from 'node:fs';
import { PartnerCenterOperations, operationIds, type OperationId } from '@csphub/partner-center/wire';
import { describe, expect, it } from 'vitest';
import { createEmulatorApp } from '../src/index';
import { operationSpec } from '../src/protocol/operation';

/**
 * One operation catalogue for the client and the emulator (packages/partner-center/src/wire/operations.ts):
 * every operation the client calls is served by the emulator under the same id, method and path,
 * and every catalogued operation is either called by the client or marked as served for others.
 */
const clientSources = new URL('../../partner-center/src/', import.meta.url);
const opsFiles = readdirSync(clientSources).filter((f) => f.endsWith('.ops.ts'));
const source = (file: string) => readFileSync(new URL(file, clientSources), 'utf8');

/** The catalogue ids the client's operation files build requests from. */
function clientOperationIds(): Set<string> {
  const ids = new Set<string>();
  for (const file of opsFiles) {
    for (const call of source(file).matchAll(/fromCatalogue\(([^)]*)\)/g))
      for (const literal of call[1]!.matchAll(/'([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)) ids.add(literal[1]!);
  }
  return ids;
}

describe('the Partner Center operation catalogue', () => {
  const emulator = createEmulatorApp();
  const served = emulator.operations;

  it('the emulator serves every catalogued operation exactly once, with the catalogue method and path', () => {
    expect(served.map((o) => o.id).sort()).toEqual([...operationIds].sort());
    for (const spec of served) expect(spec).toEqual(operationSpec(spec.id));
  });

  it("the client's operations are exactly the catalogued ones not marked emulator-only", () => {
    const calledByClient = [...clientOperationIds()].sort();
    const expected = operationIds.filter((id) => !('emulatorOnly' in PartnerCenterOperations[id])).sort();
    expect(calledByClient).toEqual(expected);
    for (const id of calledByClient) expect(served.some((o) => o.id === (id as OperationId))).toBe(true);
  });

  it("the client's operation files name no operation, method or path outside the catalogue", () => {
    for (const file of opsFiles) {
      const text = source(file);
      expect(text, file).not.toMatch(/\boperation:\s*['`]/);
      expect(text, file).not.toMatch(/\bpath:\s*['`]/);
    }
  });

  it('every method and path template appears once', () => {
    const routes = operationIds.map((id) => `${PartnerCenterOperations[id].api} ${PartnerCenterOperations[id].method} ${PartnerCenterOperations[id].path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });
});
