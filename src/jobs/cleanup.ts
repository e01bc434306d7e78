import { cleanUpExpired } from '../features/clean-up-expired';
import type { Job } from './job';

/** Every hour: delete expired tokens, stale sessions, old rate-limit windows and job runs. */
export const cleanupJob: Job = {
  name: 'cleanup',
  schedule: { everySeconds: 3600 },
  async run(deps, ctx) {
    const r = await cleanUpExpired(deps, { now: ctx.now });
    const parts = Object.entries(r).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
    return parts.length > 0 ? `deleted ${parts.join(', ')}` : undefined;
  },
};
