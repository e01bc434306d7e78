/**
 * arXiv categories (`cs.CL`, `hep-th`, `astro-ph.CO`, `cond-mat.mes-hall`): their syntax, the
 * archive and group each belongs to, and names for the common ones. Any well-formed category is
 * accepted; names are only for display.
 */

// The same shape search accepts (features/search-papers.ts).
const CATEGORY = /^[a-z]{1,12}(-[a-z]{1,12})?(\.[A-Za-z]{1,12}(-[a-z]{1,12})?)?$/;

/** True for a well-formed category such as cs.CL, hep-th or astro-ph.CO. */
export function isArxivCategory(s: string): boolean {
  return CATEGORY.test(s);
}

/** The archive a category belongs to: `cs.CL` → `cs`, `astro-ph.CO` → `astro-ph`, `hep-th` → `hep-th`. */
export function categoryArchive(category: string): string {
  const dot = category.indexOf('.');
  return dot === -1 ? category : category.slice(0, dot);
}

/** The top-level groups of arXiv's taxonomy, in the order arXiv lists them. */
export const CATEGORY_GROUPS = [
  { key: 'cs', name: 'Computer Science' },
  { key: 'econ', name: 'Economics' },
  { key: 'eess', name: 'Electrical Engineering and Systems Science' },
  { key: 'math', name: 'Mathematics' },
  { key: 'physics', name: 'Physics' },
  { key: 'q-bio', name: 'Quantitative Biology' },
  { key: 'q-fin', name: 'Quantitative Finance' },
  { key: 'stat', name: 'Statistics' },
  { key: 'other', name: 'Other' },
] as const;

export type CategoryGroup = (typeof CATEGORY_GROUPS)[number]['key'];

// Physics spreads over many archives of its own.
const PHYSICS_ARCHIVES = new Set([
  'astro-ph', 'cond-mat', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th', 'math-ph', 'nlin', 'nucl-ex', 'nucl-th', 'physics', 'quant-ph',
]);

/** The group of a category: `cs.CL` → cs, `quant-ph` → physics, `math-ph` → physics. */
export function categoryGroup(category: string): CategoryGroup {
  const archive = categoryArchive(category);
  if (PHYSICS_ARCHIVES.has(archive)) return 'physics';
  const group = CATEGORY_GROUPS.find((g) => g.key === archive);
  return group ? group.key : 'other';
}

/** Names of the categories most common in the data (arXiv's own names). */
const NAMES: Record<string, string> = {
  'cs.AI': 'Artificial Intelligence',
  'cs.AR': 'Hardware Architecture',
  'cs.CC': 'Computational Complexity',
  'cs.CE': 'Computational Engineering, Finance, and Science',
  'cs.CG': 'Computational Geometry',
  'cs.CL': 'Computation and Language',
  'cs.CR': 'Cryptography and Security',
  'cs.CV': 'Computer Vision and Pattern Recognition',
  'cs.CY': 'Computers and Society',
  'cs.DB': 'Databases',
  'cs.DC': 'Distributed, Parallel, and Cluster Computing',
  'cs.DL': 'Digital Libraries',
  'cs.DS': 'Data Structures and Algorithms',
  'cs.ET': 'Emerging Technologies',
  'cs.FL': 'Formal Languages and Automata Theory',
  'cs.GR': 'Graphics',
  'cs.GT': 'Computer Science and Game Theory',
  'cs.HC': 'Human-Computer Interaction',
  'cs.IR': 'Information Retrieval',
  'cs.IT': 'Information Theory',
  'cs.LG': 'Machine Learning',
  'cs.LO': 'Logic in Computer Science',
  'cs.MA': 'Multiagent Systems',
  'cs.MM': 'Multimedia',
  'cs.NA': 'Numerical Analysis',
  'cs.NE': 'Neural and Evolutionary Computing',
  'cs.NI': 'Networking and Internet Architecture',
  'cs.PF': 'Performance',
  'cs.PL': 'Programming Languages',
  'cs.RO': 'Robotics',
  'cs.SC': 'Symbolic Computation',
  'cs.SD': 'Sound',
  'cs.SE': 'Software Engineering',
  'cs.SI': 'Social and Information Networks',
  'cs.SY': 'Systems and Control',
  'econ.EM': 'Econometrics',
  'econ.GN': 'General Economics',
  'eess.AS': 'Audio and Speech Processing',
  'eess.IV': 'Image and Video Processing',
  'eess.SP': 'Signal Processing',
  'eess.SY': 'Systems and Control',
  'math.IT': 'Information Theory',
  'math.NA': 'Numerical Analysis',
  'math.OC': 'Optimization and Control',
  'math.PR': 'Probability',
  'math.ST': 'Statistics Theory',
  'physics.ao-ph': 'Atmospheric and Oceanic Physics',
  'physics.chem-ph': 'Chemical Physics',
  'physics.comp-ph': 'Computational Physics',
  'physics.med-ph': 'Medical Physics',
  'physics.soc-ph': 'Physics and Society',
  'q-bio.BM': 'Biomolecules',
  'q-bio.GN': 'Genomics',
  'q-bio.NC': 'Neurons and Cognition',
  'q-bio.QM': 'Quantitative Methods',
  'q-fin.CP': 'Computational Finance',
  'quant-ph': 'Quantum Physics',
  'astro-ph.IM': 'Instrumentation and Methods for Astrophysics',
  'cond-mat.mtrl-sci': 'Materials Science',
  'hep-th': 'High Energy Physics - Theory',
  'stat.AP': 'Applications',
  'stat.ME': 'Methodology',
  'stat.ML': 'Machine Learning',
};

/** arXiv's name of the category, or null for the less common ones. */
export function categoryName(category: string): string | null {
  return NAMES[category] ?? null;
}
