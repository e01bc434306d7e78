import type { Context } from 'hono';
import type { Deps } from '../deps';
import { listCategories, type CategorySummary } from '../features/list-categories';
import { categoryPath } from './browse-paths';
import { formatCount, plural } from './format';
import { Layout } from './layout';
import { sendPage } from './send-page';

/** `/categories`: every category with papers, grouped as arXiv groups them, with counts. */
export async function renderCategoriesPage(c: Context, deps: Deps): Promise<Response> {
  const groups = await listCategories(deps);
  return sendPage(
    c,
    <Layout title="Categories" canonical={`${deps.config.siteUrl}/categories`} section="categories" description="Browse papers by arXiv category.">
      <div class="page-head">
        <div>
          <h1>Categories</h1>
          <p class="subtitle">arXiv categories of the papers on this site. A paper is counted in each of its categories.</p>
        </div>
      </div>
      {groups.length === 0 ? (
        <div class="empty">
          <p>No papers have been imported yet.</p>
        </div>
      ) : (
        groups.map((g) => (
          <section class="category-group" id={g.group}>
            <h2>
              {g.name} <span class="count">{plural(g.categories.length, 'category')}</span>
            </h2>
            <ul class="category-list">
              {g.categories.map((cat) => (
                <CategoryItem cat={cat} />
              ))}
            </ul>
          </section>
        ))
      )}
    </Layout>,
  );
}

function CategoryItem(props: { cat: CategorySummary }) {
  const { cat } = props;
  return (
    <li>
      <a href={categoryPath(cat.category)}>
        <span class="tag">{cat.category}</span> {cat.name ?? ''}
      </a>{' '}
      <span class="count">{formatCount(cat.papers)}</span>
    </li>
  );
}
