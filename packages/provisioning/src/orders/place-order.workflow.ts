import { StepFailedError } from '../runtime/step-failure';
import { defineWorkflow, type WorkflowContext } from '../runtime/workflow-definition';
import { createCheckMcaStep } from './check-mca.step';
import { MCA_ACCEPTANCE_WAIT_MS, MCA_CHECK_TOPIC, MCA_FIRST_CHECK_MS, MCA_MAX_CHECK_MS } from '../mca/mca-signatory';
import { createCheckoutCartStep } from './checkout-cart.step';
import { createCreateCartStep } from './create-cart.step';
import { createNotifyOrderStep } from './notify-order.step';
import type { OrderProgress } from './order-ports';
import type { PlaceOrderDeps, PlaceOrderInput, PlaceOrderResult } from './place-order.input';
import { createReadOrderStatusStep } from './read-order-status.step';
import { createSaveOrderProgressStep } from './save-order-progress.step';

/** Registered with DBOS under this name; never renamed once shipped. */
export const PLACE_ORDER_WORKFLOW = 'place-order';

const MCA_HELD_MESSAGE =
  "Held until the customer's signatory accepts the Microsoft Customer Agreement (the link was e-mailed to them). The order goes through on its own once they accept.";

const MCA_MESSAGE =
  "The customer has not accepted the current Microsoft Customer Agreement (none on record, or Microsoft published a new version since). Use \"Request acceptance\" on the company page: the customer's signatory gets Microsoft's link by e-mail. Then submit the order again. Nothing was ordered.";

/**
 * Places an order in Partner Center, exactly once. The workflow id is the
 * business intent (`place-order:<orderId>`), so starting it twice attaches to the same run. Steps:
 * MCA check (a missing attestation ends in needs_attention with a fixable message, before any
 * cart) > cart > checkout (journaled MS-RequestId, look-up by reference) > durable wait for
 * fulfilment, polling Partner Center and recording each change > notification. The body holds no
 * clock or I/O of its own: time comes from `wf.now()`, waits are durable sleeps.
 */
export function createPlaceOrderWorkflow(deps: PlaceOrderDeps) {
  const checkMca = createCheckMcaStep(deps);
  const createCart = createCreateCartStep(deps);
  const checkout = createCheckoutCartStep(deps);
  const readStatus = createReadOrderStatusStep(deps);
  const save = createSaveOrderProgressStep(deps);
  const notify = createNotifyOrderStep(deps);

  return defineWorkflow<PlaceOrderInput, PlaceOrderResult>({
    name: PLACE_ORDER_WORKFLOW,
    async run(input, wf) {
      const base = { kind: 'place-order', subjectId: input.orderId, connectionId: input.connectionId };
      const tenant = { connectionId: input.connectionId, customerTenantId: input.customerTenantId };
      const productSummary = input.lines.map((l) => `${l.quantity} × ${l.friendlyName ?? l.catalogItemId}`).join(', ');
      const saveProgress = (progress: Omit<OrderProgress, 'at'>) => wf.step(save, { orderId: input.orderId, progress });
      const end = async (result: PlaceOrderResult, failedStep?: string): Promise<PlaceOrderResult> => {
        await saveProgress({
          status: result.status,
          microsoftOrderIds: result.microsoftOrderIds,
          subscriptionIds: result.subscriptionIds,
          errorCode: result.errorCode ?? null,
          errorMessage: result.errorMessage ?? null,
        });
        let notifyFailure: string | null = null;
        if (result.status !== 'needs_attention') {
          try {
            await wf.step(notify, { orderId: input.orderId, reference: input.reference, outcome: result.status, reason: result.errorMessage ?? '', notify: input.notify, productSummary });
          } catch (e) {
            // The order's outcome stands whatever happens to the e-mail; the run says it was not sent.
            if (!(e instanceof StepFailedError)) throw e;
            notifyFailure = `${e.failure.code}: ${e.failure.message}`;
          }
        }
        await wf.recordRun({
          ...base,
          state: result.status === 'fulfilled' ? 'succeeded' : result.status === 'failed' ? 'failed' : 'needs_attention',
          currentStep: null,
          failedStep: failedStep ?? null,
          errorCode: result.errorCode ?? null,
          errorMessage: result.errorMessage ?? null,
          facts: { microsoftOrderIds: result.microsoftOrderIds, subscriptionIds: result.subscriptionIds, ...(notifyFailure ? { notificationFailed: notifyFailure } : {}) },
        });
        return result;
      };
      const failedAt = (e: unknown, status: 'failed' | 'needs_attention', orderIds: string[] = []) => {
        if (!(e instanceof StepFailedError)) throw e;
        return end({ status, microsoftOrderIds: orderIds, subscriptionIds: [], errorCode: e.failure.code, errorMessage: e.failure.message }, e.stepId);
      };

      await wf.recordRun({ ...base, state: 'running', currentStep: checkMca.id });
      let mca;
      try {
        mca = await wf.step(checkMca, tenant);
      } catch (e) {
        return failedAt(e, 'failed');
      }
      if (!mca.present && input.holdForMca) {
        // Held: the signatory has the acceptance link. Look again after growing durable waits.
        await saveProgress({ status: 'submitted', errorCode: 'MCA_ACCEPTANCE_PENDING', errorMessage: MCA_HELD_MESSAGE });
        await wf.recordRun({ ...base, state: 'running', currentStep: checkMca.id, facts: { heldForMca: true } });
        const heldSince = (await wf.now()).getTime();
        let gap = MCA_FIRST_CHECK_MS;
        while (!mca.present) {
          if ((await wf.now()).getTime() - heldSince > MCA_ACCEPTANCE_WAIT_MS) break;
          await wf.recv<unknown>(MCA_CHECK_TOPIC, gap);
          gap = Math.min(Math.round(gap * 1.5), MCA_MAX_CHECK_MS);
          try {
            mca = await wf.step(checkMca, tenant);
          } catch (e) {
            return failedAt(e, 'failed');
          }
        }
        if (mca.present) {
          await saveProgress({ status: 'submitted', errorCode: null, errorMessage: null });
          await wf.recordRun({ ...base, state: 'running', currentStep: checkMca.id, facts: { heldForMca: false } });
        }
      }
      if (!mca.present) return end({ status: 'needs_attention', microsoftOrderIds: [], subscriptionIds: [], errorCode: 'MCA_MISSING', errorMessage: MCA_MESSAGE }, checkMca.id);

      await wf.recordRun({ ...base, state: 'running', currentStep: createCart.id });
      let cartId: string;
      try {
        cartId = (await wf.step(createCart, { ...tenant, lines: input.lines })).cartId;
      } catch (e) {
        return failedAt(e, 'failed');
      }
      await saveProgress({ status: 'submitted', cartId });

      await wf.recordRun({ ...base, state: 'running', currentStep: checkout.id, facts: { cartId } });
      let placed;
      try {
        placed = await wf.step(checkout, { ...tenant, cartId, reference: input.reference });
      } catch (e) {
        // A business refusal means nothing was ordered; an exhausted transient failure leaves the
        // outcome unknown, which a person must check (never a guess, never a second order).
        if (e instanceof StepFailedError && !e.failure.transient) return failedAt(e, 'failed');
        return failedAt(e, 'needs_attention');
      }
      if (placed.mcaMissing) return end({ status: 'needs_attention', microsoftOrderIds: [], subscriptionIds: [], errorCode: 'MCA_MISSING', errorMessage: MCA_MESSAGE }, checkout.id);
      if (placed.orderIds.length === 0) {
        const reason = placed.errors.map((x) => `${x.description} (${x.microsoftCode})`).join('; ') || 'Partner Center created no order from the cart.';
        return end({ status: 'failed', microsoftOrderIds: [], subscriptionIds: [], errorCode: 'ORDER_REJECTED', errorMessage: reason }, checkout.id);
      }
      await saveProgress({ status: 'in_progress', microsoftOrderIds: placed.orderIds });

      return waitForFulfilment(wf, { deps, readStatus, saveProgress, end, input, orderIds: placed.orderIds, partialErrors: placed.errors, base });
    },
  });
}

/** The durable wait: look, record, sleep, until Microsoft finishes or the wait runs out. */
async function waitForFulfilment(
  wf: WorkflowContext,
  ctx: {
    deps: PlaceOrderDeps;
    readStatus: ReturnType<typeof createReadOrderStatusStep>;
    saveProgress: (p: Omit<OrderProgress, 'at'>) => Promise<unknown>;
    end: (r: PlaceOrderResult, failedStep?: string) => Promise<PlaceOrderResult>;
    input: PlaceOrderInput;
    orderIds: string[];
    partialErrors: { microsoftCode: number; description: string }[];
    base: { kind: string; subjectId: string; connectionId: string };
  },
): Promise<PlaceOrderResult> {
  const { deps, input, orderIds } = ctx;
  await wf.recordRun({ ...ctx.base, state: 'running', currentStep: ctx.readStatus.id, facts: { microsoftOrderIds: orderIds } });
  const deadline = (await wf.now()).getTime() + deps.maxWaitMs;
  let lastSubscriptions = '';
  for (;;) {
    let reading;
    try {
      reading = await wf.step(ctx.readStatus, { connectionId: input.connectionId, customerTenantId: input.customerTenantId, orderIds });
    } catch (e) {
      if (!(e instanceof StepFailedError)) throw e;
      // Reading failed for long; the order exists in Partner Center, so a person looks.
      return ctx.end({ status: 'needs_attention', microsoftOrderIds: orderIds, subscriptionIds: [], errorCode: e.failure.code, errorMessage: e.failure.message }, e.stepId);
    }
    if (reading.status === 'fulfilled' && ctx.partialErrors.length === 0) {
      return ctx.end({ status: 'fulfilled', microsoftOrderIds: orderIds, subscriptionIds: reading.subscriptionIds });
    }
    if (reading.status === 'failed' || reading.status === 'fulfilled') {
      const reasons = [
        ...ctx.partialErrors.map((x) => `${x.description} (${x.microsoftCode})`),
        ...(reading.status === 'failed' ? [`Microsoft reported the order as ${reading.microsoftStatuses.join(', ')}.`] : []),
      ];
      return ctx.end({ status: 'failed', microsoftOrderIds: orderIds, subscriptionIds: reading.subscriptionIds, errorCode: 'ORDER_REJECTED', errorMessage: reasons.join(' ') }, ctx.readStatus.id);
    }
    const subs = reading.subscriptionIds.join(',');
    if (subs !== lastSubscriptions) {
      lastSubscriptions = subs;
      await ctx.saveProgress({ status: 'in_progress', microsoftOrderIds: orderIds, subscriptionIds: reading.subscriptionIds });
    }
    if ((await wf.now()).getTime() >= deadline) {
      return ctx.end({
        status: 'needs_attention',
        microsoftOrderIds: orderIds,
        subscriptionIds: reading.subscriptionIds,
        errorCode: 'ORDER_STILL_PENDING',
        errorMessage: `Partner Center still reports the order as pending after ${Math.round(deps.maxWaitMs / 60_000)} minutes. It may still complete; check it in Partner Center.`,
      });
    }
    await wf.sleep(deps.pollIntervalMs);
  }
}
