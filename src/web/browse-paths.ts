/** The page of a category: `/categories/cs.CL`. */
export function categoryPath(category: string): string {
  return `/categories/${encodeURIComponent(category)}`;
}

/** The page of an author; the name is one path segment (a slash in a name is escaped). */
export function authorPath(name: string): string {
  return `/authors/${encodeURIComponent(name)}`;
}
