import { z } from '@hono/zod-openapi';

/** Which way licences held by another partner come here, and why (`movePathsOf`). */
export const MovePathSchema = z.object({
  path: z.enum(['transfer', 'buy_and_cancel']).openapi({ description: "transfer: Microsoft's new-commerce transfer applies; buy_and_cancel: buy here, then the other partner cancels" }),
  reason: z.enum(['new_commerce_licence', 'not_new_commerce']),
});
