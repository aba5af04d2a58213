import {
  registerGraphSdkContract,
  registerMicrosoftClientsContract,
  registerPartnerCenterContract,
  emulatorContractTarget,
} from '@csphub/testing/partner-center-contract';

// The shared Partner Center contract suite, run through the real client against the embedded
// emulator, control plane included.
registerPartnerCenterContract({ name: 'emulator', hasControlPlane: true }, () => emulatorContractTarget());

// Microsoft's own client libraries (msal-node) against the same emulator, over its HTTPS option.
registerMicrosoftClientsContract();

// Microsoft Graph's SDK for JavaScript (msgraph-sdk, tenant relationships) against the emulator's Graph.
registerGraphSdkContract();
