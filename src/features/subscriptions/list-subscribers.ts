import type { Deps } from '../../deps';
import type { Subscription } from '../../domain/subscription';
import { listSubscriptions, type SubscriptionFilter } from '../../storage/repos/subscriptions-repo';

const PAGE = 500;

/**
 * Every subscription matching the filter, oldest first, read a page at a time so an export of
 * any size keeps little in memory (for `paperboy subscribers list|export`).
 */
export async function* listSubscribers(deps: Deps, filter: SubscriptionFilter = {}): AsyncGenerator<Subscription> {
  let afterId = 0;
  for (;;) {
    const page = await listSubscriptions(deps.db, { ...filter, afterId, limit: PAGE });
    yield* page;
    if (page.length < PAGE) return;
    afterId = page[page.length - 1]!.id;
  }
}
