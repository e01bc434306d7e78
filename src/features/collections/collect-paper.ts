import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { COLLECTION_LIMITS, parseCollectionNote, type Collection } from '../../domain/collection';
import { InputError } from '../../domain/input-error';
import type { Paper } from '../../domain/paper';
import { deleteCollectionPaper, hasCollectionPaper, insertCollectionPaper } from '../../storage/repos/collections-repo';
import { findPaperOrThrow, requirePaperId } from '../find-named-paper';
import { findWritableCollection, requireCollector } from './collection-access';

export type CollectPaperInput = {
  /** The owner, when the caller names the collection as `username/slug` (the API); else the viewer's own. */
  username?: unknown;
  slug: unknown;
  arxivId: unknown;
  /** Adding only: replaces the paper's note in this collection when given. */
  note?: unknown;
};

/** What an add or remove did: `isChanged` is false when the paper was already in (or out). */
export type CollectResult = { collection: Collection; paper: Paper; isChanged: boolean };

/** Puts a paper in one of the viewer's collections. Idempotent; at most 5,000 papers each. */
export async function addPaperToCollection(deps: Deps, viewer: Viewer, input: CollectPaperInput): Promise<CollectResult> {
  const note = parseCollectionNote(input.note);
  const { collection, paper } = await resolve(deps, viewer, input);
  if (collection.paperCount >= COLLECTION_LIMITS.papersPerCollection) {
    // Re-adding a paper that is in already is still fine (it may set the note).
    const isChanged = await insertIfRoom(deps, collection, paper, note);
    return { collection, paper, isChanged };
  }
  const isChanged = await insertCollectionPaper(deps.db, { collectionId: collection.id, paperId: paper.id, note, at: deps.now().toISOString() });
  return { collection, paper, isChanged };
}

/** Takes a paper out of one of the viewer's collections. Idempotent. */
export async function removePaperFromCollection(deps: Deps, viewer: Viewer, input: CollectPaperInput): Promise<CollectResult> {
  const { collection, paper } = await resolve(deps, viewer, input);
  const isChanged = await deleteCollectionPaper(deps.db, { collectionId: collection.id, paperId: paper.id, at: deps.now().toISOString() });
  return { collection, paper, isChanged };
}

async function resolve(deps: Deps, viewer: Viewer, input: CollectPaperInput): Promise<{ collection: Collection; paper: Paper }> {
  const arxivId = requirePaperId(input.arxivId);
  const collection = await findWritableCollection(deps, viewer, input);
  await requireCollector(deps, viewer);
  return { collection, paper: await findPaperOrThrow(deps, arxivId) };
}

async function insertIfRoom(deps: Deps, collection: Collection, paper: Paper, note: string | null): Promise<boolean> {
  if (!(await hasCollectionPaper(deps.db, collection.id, paper.id))) throw new InputError(`a collection holds at most ${COLLECTION_LIMITS.papersPerCollection.toLocaleString('en-US')} papers; make another one`);
  await insertCollectionPaper(deps.db, { collectionId: collection.id, paperId: paper.id, note, at: deps.now().toISOString() });
  return false;
}
