import {
  registerPartnerCenterContract,
  emulatorContractTarget,
} from '@csphub/testing/partner-center-contract';

// The shared Partner Center contract suite, run through the real client against the embedded
// emulator (issue 4 acceptance), control plane included.
registerPartnerCenterContract({ name: 'emulator', hasControlPlane: true }, () => emulatorContractTarget());
