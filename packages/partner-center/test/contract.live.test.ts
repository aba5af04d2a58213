import { describe, it } from 'vitest';
import {
  liveContractMissingEnv,
  liveContractTarget,
  registerPartnerCenterContract,
} from '@csphub/testing/partner-center-contract';

// The same contract suite against a live Partner Center integration sandbox, opted into with
// PARTNER_CENTER_LIVE=1 and the PC_LIVE_* credentials (see live-target.ts). Tests that need the
// emulator's control plane are skipped there and say so.
const missing = liveContractMissingEnv();
if (missing.length > 0) {
  console.info(
    `Partner Center live contract skipped: set ${missing.join(', ')} to run it against a sandbox.`,
  );
  describe('Partner Center contract (live)', () => {
    it.skip(`skipped: missing ${missing.join(', ')}`, () => {});
  });
} else {
  registerPartnerCenterContract({ name: 'live', hasControlPlane: false }, () => liveContractTarget());
}
