import { usePage } from './page-context';

/**
 * "Get the trending papers in your inbox" on every page. A GET form to /subscribe, which shows
 * the real POST form with its CSRF token: anonymous list pages are cached and shared between
 * visitors (page-cache.ts), so their HTML cannot hold a per-visitor token (decision 0010).
 * Hidden on the subscription pages themselves, which have the full form.
 */
export function SubscribeBanner() {
  const page = usePage();
  if (/^\/(subscribe|subscriptions|unsubscribe)(\/|\?|$)/.test(page.here)) return null;
  return (
    <aside class="subscribe-banner" aria-labelledby="subscribe-banner-title">
      <form method="get" action="/subscribe" class="wrap subscribe-banner-form">
        <strong id="subscribe-banner-title">Get the trending papers in your inbox</strong>
        <input type="email" name="email" placeholder="you@example.org" aria-label="Your email address" required maxlength={254} value={page.viewer?.email ?? ''} />
        <select name="cadence" aria-label="How often">
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
        </select>
        <button type="submit" class="button">
          Subscribe
        </button>
      </form>
    </aside>
  );
}
