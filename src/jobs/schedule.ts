import { cleanupJob } from './cleanup';
import { composeDigestsJob } from './compose-digests';
import { deliverOutboxJob } from './deliver-outbox';
import type { Job } from './job';

/** Every scheduled job of Paperboy: what `paperboy serve` (RUN_JOBS) and `paperboy jobs run` run. */
export const JOBS: readonly Job[] = [composeDigestsJob, deliverOutboxJob, cleanupJob];
