import type { Paper } from '../domain/paper';
import { paperPath } from './format';
import { usePage, type CollectionChoice } from './page-context';

/**
 * "Save" on a card: a closed `<details>` holding a plain form that adds the paper to one of the
 * viewer's collections or to a new one (no JavaScript needed). The viewer's collections are read
 * once per page (collection-choices.ts), however many cards there are. Anonymous viewers get
 * nothing, so cached anonymous pages stay as small as before.
 */
export function CollectMenu(props: { paper: Pick<Paper, 'arxivId'> }) {
  const page = usePage();
  if (!page.viewer || !page.collections) return null;
  return <CollectMenuForm arxivId={props.paper.arxivId} load={page.collections} csrf={page.csrfToken()} next={page.here} />;
}

/** Collections a card's menu lists (most recently changed first); the paper page lists them all. */
const MENU_CHOICES = 20;

// Async: renders once the page's one query has answered (hono/jsx awaits it in sendPage).
async function CollectMenuForm(props: { arxivId: string; load: () => Promise<CollectionChoice[]>; csrf: string; next: string }) {
  const all = await props.load();
  // Bounded, so 50 cards of a member with 100 collections stay a light page.
  const choices = all.slice(0, MENU_CHOICES);
  return (
    <details class="collect">
      <summary>Save</summary>
      <form method="post" action={`${paperPath(props.arxivId)}/collect`} class="collect-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        {choices.length > 0 ? (
          <select name="collection" aria-label="Collection">
            {choices.map((c) => (
              <option value={c.slug}>{c.name}</option>
            ))}
          </select>
        ) : null}
        <input type="text" name="newName" maxlength={100} placeholder={choices.length > 0 ? 'or a new collection' : 'New collection name'} aria-label="New collection name" />
        <button type="submit" class="button small">
          Add
        </button>
        {all.length > choices.length ? <a href={`${paperPath(props.arxivId)}#collections`}>All {all.length}…</a> : null}
      </form>
    </details>
  );
}
