import { seededRandom } from '../src/embed/seeded-random';

/** Four research topics, each with its own words; papers of a topic share words, across topics only filler. */
const TOPICS = {
  vision: ['image', 'pixel', 'convolution', 'segmentation', 'camera', 'detection', 'visual', 'object', 'scene', 'photo'],
  language: ['sentence', 'token', 'translation', 'grammar', 'dialogue', 'corpus', 'parsing', 'vocabulary', 'word', 'text'],
  proteins: ['protein', 'folding', 'amino', 'residue', 'enzyme', 'molecule', 'binding', 'structure', 'peptide', 'ligand'],
  robots: ['robot', 'gripper', 'manipulation', 'locomotion', 'actuator', 'grasp', 'joint', 'motor', 'arm', 'torque'],
} as const;
const FILLER = ['method', 'approach', 'result', 'study', 'propose', 'novel', 'show', 'experiment', 'performance', 'framework'];

export type TinyPaper = { topic: keyof typeof TOPICS; title: string; abstract: string };

/**
 * `perTopic` papers per topic with seeded random titles and abstracts. An abstract has
 * `abstractTopicWords` words of its topic (20 by default: papers of a topic are nearly alike;
 * fewer make them differ more, as real papers of one field do).
 */
export function tinyCorpus(perTopic = 30, seed = 7, abstractTopicWords = 20): TinyPaper[] {
  const random = seededRandom(seed);
  const pick = (words: readonly string[], n: number) => Array.from({ length: n }, () => words[random.int(words.length)]!).join(' ');
  const out: TinyPaper[] = [];
  for (let i = 0; i < perTopic; i++) {
    for (const [topic, words] of Object.entries(TOPICS) as Array<[keyof typeof TOPICS, readonly string[]]>) {
      out.push({ topic, title: `${pick(words, 3)} ${pick(FILLER, 1)}`, abstract: `${pick(words, abstractTopicWords)} ${pick(FILLER, 8)}` });
    }
  }
  return out;
}
