/**
 * Queries that break naive search code: engine syntax, unbalanced quotes, control and invisible
 * characters, huge inputs. Shared by the storage and use-case tests (and usable by page tests).
 */
export const HOSTILE_QUERIES: readonly string[] = [
  '', ' ', '"', '""', '"""', "'", "''", '-', '--', '- -', '*', '**', 'a*', '*a', ':', 'title:', 'title:foo',
  'abstract:"x', '(', ')', '(()', 'a) OR (b', 'NEAR', 'NEAR(a b)', 'NEAR/3', 'a NEAR b', 'AND', 'OR', 'NOT',
  'NOT a', 'a AND', 'OR OR OR', 'a OR b NOT c', '^a', '{a b}', '[a]', 'a + b', '+a -b', '"a" -"', '-"', '-"a b',
  '\u0000', 'a\u0000b', '\u0000"\u0000', '\u200b', 'trans\u200bformer', '\u202eattention\u202c', '\u200f\u200e',
  'مرحبا بالعالم', 'שלום', '日本語の論文', '😀', '🤗 transformers', '<script>alert(1)</script>',
  "' OR 1=1 --", "'; drop table papers; --", 'papers_fts', 'rank', 'bm25(papers_fts)', '\\', '\\"', '%', '_',
  '&&', '||', '!!', '!a', 'a & b | !c', "a:* & b:*", 'a <-> b', 'a <2> b', '\'a\':*', 'x'.repeat(10_000),
  'a '.repeat(5_000), '"a b '.repeat(1_000), '-a '.repeat(1_000), 'the the the', '0', '-0', '1e309',
  'e\u0301', '\u0301', 'ÅNGSTRÖM', 'ＧＰＴ－４', 'gpt-4o-mini', 'C++', 'C#', '.NET', 'e.g.', 'a/b/c', '\t\n\r',
];
