import { createOrdersRepo, type Database } from '@csphub/db';
import { createPlaceOrderWorkflow, type OrderPartnerCenter, type PlaceOrderInput, type WorkflowDefinition, type WorkflowRuntime } from '@csphub/provisioning';
import { placeOrderWorkflowId } from '@csphub/domain';
import type { PartnerCenterClient } from '@csphub/partner-center';
import type { Notifier } from '@csphub/notifications';

/** How often a pending order is looked at, and how long before it needs attention. */
const POLL_INTERVAL_MS = 3_000;
const MAX_WAIT_MS = 6 * 3_600_000;

/**
 * Wires the place-order workflow to the server's adapters (the orders repository, the Partner
 * Center client of a connection, the notifier) for `launchWorkflows` (`extra`), and gives the
 * starter createApp passes to the order routes once the runtime is launched.
 */
export function createOrderWorkflowWiring(opts: { db: Database; partnerCenterFor: (connectionId: string) => Promise<PartnerCenterClient>; notifier: Pick<Notifier, 'send'> }) {
  const orders = createOrdersRepo(opts.db);
  const workflow = createPlaceOrderWorkflow({
    partnerCenterFor: async (connectionId) => {
      const port: OrderPartnerCenter = await opts.partnerCenterFor(connectionId);
      return port;
    },
    orders: { saveProgress: (orderId, progress) => orders.saveProgress(orderId, progress) },
    notifications: { send: (req) => opts.notifier.send(req) },
    pollIntervalMs: POLL_INTERVAL_MS,
    maxWaitMs: MAX_WAIT_MS,
  });
  return {
    workflow: workflow as WorkflowDefinition<never, unknown>,
    starter(runtime: WorkflowRuntime) {
      return async (input: PlaceOrderInput) => {
        await runtime.start(workflow, placeOrderWorkflowId(input.orderId), input);
      };
    },
  };
}
