import { deliverOutbox, type DeliveryReport } from '../features/digests/deliver-outbox';
import type { Job } from './job';

/** Messages per deliverOutbox call: the run checks between calls whether the runner is stopping. */
const CHUNK = 500;

/**
 * Every 10 seconds: send what is due in the digest outbox, under this process's runner id (other
 * processes send other messages: claims skip locked rows). A run goes on until nothing is due,
 * in chunks, so a stop waits for at most one chunk's SMTP transactions.
 */
export const deliverOutboxJob: Job = {
  name: 'deliver-outbox',
  schedule: { everySeconds: 10 },
  async run(deps, ctx) {
    const total: DeliveryReport = { sent: 0, failed: 0, retried: 0, cancelled: 0, recovered: 0 };
    while (!ctx.signal.aborted) {
      const r = await deliverOutbox(deps, { runnerId: ctx.runnerId, maxMessages: CHUNK });
      for (const k of Object.keys(total) as (keyof DeliveryReport)[]) total[k] += r[k];
      if (r.sent + r.failed + r.retried + r.cancelled < CHUNK) break;
    }
    if (total.sent + total.failed + total.retried + total.cancelled + total.recovered === 0) return;
    return `${total.sent} sent, ${total.retried} to retry, ${total.failed} failed, ${total.cancelled} cancelled, ${total.recovered} recovered`;
  },
};
