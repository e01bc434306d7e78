import type { Child } from 'hono/jsx';
import { usePage } from './page-context';
import { KATEX_CSS_URL, STYLE_URL } from './static-assets';
import { SubscribeBanner } from './subscribe-banner';

/** The nav entry a page belongs to (highlighted in the header). */
export type Section = 'daily' | 'weekly' | 'monthly' | 'trending' | 'categories' | 'for-you' | 'search' | 'about' | 'account' | null;

export type LayoutProps = {
  /** Plain text; the site name is appended. */
  title: string;
  /** Absolute canonical URL, or null for pages that should not be indexed (errors). */
  canonical: string | null;
  section: Section;
  /** Load KaTeX's stylesheet (only pages with rendered math need it). */
  hasMath?: boolean;
  description?: string;
  /** Same-origin scripts (URLs from static-assets.ts) for progressive enhancement; loaded with the CSP nonce. */
  scripts?: string[];
  /** Feeds of the page's list, announced as `<link rel="alternate">` (see web/feeds/feed-links.tsx). */
  alternates?: LayoutAlternate[];
  children: Child;
};

/** A feed of the page's content, in the head. `href` is site-relative. */
export type LayoutAlternate = { type: 'application/rss+xml' | 'application/atom+xml'; title: string; href: string };

// A tiny inline icon, so browsers do not ask for /favicon.ico on every first visit.
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%23b4361c'/%3E%3Ctext x='16' y='23' font-family='sans-serif' font-weight='700' font-size='20' fill='white' text-anchor='middle'%3EP%3C/text%3E%3C/svg%3E";

const NAV: Array<{ section: Exclude<Section, null>; href: string; label: string; isPersonal?: boolean }> = [
  { section: 'daily', href: '/', label: 'Daily' },
  { section: 'weekly', href: '/papers/week', label: 'Weekly' },
  { section: 'monthly', href: '/papers/month', label: 'Monthly' },
  { section: 'trending', href: '/papers/trending', label: 'Trending' },
  { section: 'categories', href: '/categories', label: 'Categories' },
  // Shown to logged-in viewers only (anonymous ones have nothing to be recommended from).
  { section: 'for-you', href: '/for-you', label: 'For you', isPersonal: true },
];

/** Log in / sign up, or a link to submit a paper, the viewer's name (to settings) and a log-out button. */
function AccountLinks() {
  const page = usePage();
  if (!page.viewer) {
    const next = page.here.startsWith('/login') || page.here.startsWith('/signup') ? '' : `?next=${encodeURIComponent(page.here)}`;
    return (
      <div class="account-links">
        <a href={`/login${next}`}>Log in</a>
        <a href={`/signup${next}`} class="button-link">
          Sign up
        </a>
      </div>
    );
  }
  return (
    <div class="account-links">
      <a href="/submit">Submit</a>
      <a href="/settings" title="Your settings">
        {page.viewer.username}
      </a>
      <form method="post" action="/logout" class="inline-form">
        <input type="hidden" name="_csrf" value={page.csrfToken()} />
        <button type="submit" class="link-button">
          Log out
        </button>
      </form>
    </div>
  );
}

/** The page shell: header with nav and search box, main content, footer. No JavaScript. */
export function Layout(props: LayoutProps) {
  const page = usePage();
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title ? `${props.title} · Paperboy` : 'Paperboy'}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.canonical ? <link rel="canonical" href={props.canonical} /> : <meta name="robots" content="noindex" />}
        <link rel="icon" href={FAVICON} />
        <link rel="stylesheet" href={STYLE_URL} />
        {props.hasMath ? <link rel="stylesheet" href={KATEX_CSS_URL} /> : null}
        {(props.alternates ?? []).map((a) => (
          <link rel="alternate" type={a.type} title={a.title} href={a.href} />
        ))}
        {(props.scripts ?? []).map((src) => (
          <script src={src} nonce={page.nonce} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href="/">
              Paper<span>boy</span>
            </a>
            <nav aria-label="Main">
              <ul class="nav">
                {NAV.filter((n) => !n.isPersonal || page.viewer).map((n) => (
                  <li>
                    <a href={n.href} aria-current={props.section === n.section ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {props.section === 'search' ? (
              <span class="header-spacer" />
            ) : (
              // The search page has its own, fuller form.
              <form class="quick-search" action="/search" method="get" role="search">
                <input type="search" name="q" placeholder="Search papers" aria-label="Search papers" />
              </form>
            )}
            <AccountLinks />
          </div>
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <SubscribeBanner />
        <footer class="site-footer">
          <div class="wrap">
            Paperboy — the research papers your community reads each day. Paper metadata from arXiv. <a href="/about">How ranking works</a> ·{' '}
            <a href="/api/daily_papers">API</a> · <a href="/moderation">Moderation log</a>
          </div>
        </footer>
      </body>
    </html>
  );
}
