import type { CollectionWithPaper } from '../storage/repos/collections-repo';
import { CsrfField } from './account/auth-form';
import { collectionPath } from './collection-pages';
import { paperPath } from './format';
import { usePage } from './page-context';

/**
 * The paper page's collections box for a logged-in viewer: each of their collections with an
 * add or remove button (one small form each, no JavaScript), and a form to put the paper in a
 * new collection with a note. Nothing for anonymous viewers.
 */
export function PaperCollections(props: { arxivId: string; collections: CollectionWithPaper[] }) {
  const page = usePage();
  if (!page.viewer) return null;
  const action = `${paperPath(props.arxivId)}/collect`;
  return (
    <details class="paper-collections" id="collections" open={props.collections.some((c) => c.hasPaper) ? true : undefined}>
      <summary>Collections{props.collections.some((c) => c.hasPaper) ? ` (in ${props.collections.filter((c) => c.hasPaper).length})` : ''}</summary>
      {props.collections.length > 0 ? (
        <ul class="collection-list">
          {props.collections.map((col) => (
            <li>
              <form method="post" action={action} class="inline-form">
                <CsrfField />
                <input type="hidden" name="collection" value={col.slug} />
                <input type="hidden" name="action" value={col.hasPaper ? 'remove' : 'add'} />
                <input type="hidden" name="next" value={page.here} />
                <button type="submit" class="link-button" aria-pressed={col.hasPaper ? 'true' : 'false'}>
                  {col.hasPaper ? '✓ Remove from' : '+ Add to'}
                </button>
              </form>{' '}
              <a href={collectionPath(col)}>{col.name}</a> {col.isPublic ? null : <span class="tag">private</span>}
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action={action} class="collect-form">
        <CsrfField />
        <input type="hidden" name="next" value={page.here} />
        <input type="text" name="newName" maxlength={100} required placeholder="New collection" aria-label="New collection name" />
        <input type="text" name="note" maxlength={1000} placeholder="Note (optional)" aria-label="Note" />
        <button type="submit" class="button small">
          Add to new
        </button>
      </form>
      <p class="hint">
        <a href="/collections">All your collections</a>
      </p>
    </details>
  );
}
