import type { Migration } from '../migrate';
import { initial } from './001-initial';
import { search } from './002-search';
import { trendingIndex } from './003-trending-index';
import { community } from './004-community';
import { digests } from './005-digests';
import { outboxHeaders } from './006-outbox-headers';
import { subscriptionLinks } from './007-subscription-links';
import { collections } from './008-collections';
import { browse } from './009-browse';
import { savedSearches } from './011-saved-searches';
import { usernameCase } from './012-username-case';
import { operatorModeration } from './013-operator-moderation';
import { forYouHidden } from './014-for-you-hidden';
import { titleRecencyIndex } from './015-title-recency-index';
import { dropContentHash } from './016-drop-content-hash';

/** Every migration, oldest first. Append only: a released migration is never edited. */
export const migrations: Migration[] = [initial, search, trendingIndex, community, digests, outboxHeaders, subscriptionLinks, collections, browse, savedSearches, usernameCase, operatorModeration, forYouHidden, titleRecencyIndex, dropContentHash];
