import { composeDueDigests } from '../features/digests/compose-due-digests';
import type { Job } from './job';

/**
 * Every minute: compose the digests that are due (each subscriber's local DIGEST_HOUR, and for
 * weekly ones DIGEST_WEEKDAY) into the outbox. A minute's delay at most; after downtime the first
 * run composes what was missed, up to DIGEST_MAX_LATE_HOURS late.
 */
export const composeDigestsJob: Job = {
  name: 'compose-digests',
  schedule: { everySeconds: 60 },
  async run(deps, ctx) {
    const r = await composeDueDigests(deps, { now: ctx.now });
    if (r.composed === 0 && r.failed === 0) return;
    return `${r.composed} composed in ${r.dueGroups} due group(s), ${r.exists} already there, ${r.failed} failed`;
  },
};
