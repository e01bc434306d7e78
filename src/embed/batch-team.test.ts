import { describe, expect, it } from 'vitest';
import { pairTeam, soloTeam, type BatchTeam } from './batch-team';
import { seededRandom } from './seeded-random';

/** Fills both teams' q and d with the same random values, runs both products, returns the results. */
function run(team: BatchTeam, m: number, dim: number, seed: number) {
  const random = seededRandom(seed);
  for (let i = 0; i < m * dim; i++) {
    team.buffers.qv[i] = random.gaussian();
    team.buffers.dv[i] = random.gaussian();
  }
  team.logits(m, dim, 20);
  const logits = team.buffers.logits.slice(0, m * m);
  // Some zero gradients, as a saturated softmax gives.
  for (let i = 0; i < m * m; i += 7) team.buffers.logits[i] = 0;
  team.gradients(m, dim, 20);
  return { logits, gq: team.buffers.gq.slice(0, m * dim), gd: team.buffers.gd.slice(0, m * dim) };
}

describe('batch teams', () => {
  it('a helper thread takes half of each product and the results equal one thread, bit for bit', () => {
    const solo = soloTeam(24, 33);
    const pair = pairTeam(24, 33);
    try {
      expect(pair.threads).toBe(2);
      for (const [m, seed] of [[33, 1], [2, 2], [17, 3], [33, 4]] as const) {
        const a = run(solo, m, 24, seed);
        const b = run(pair, m, 24, seed);
        expect(Buffer.from(b.logits.buffer).equals(Buffer.from(a.logits.buffer))).toBe(true);
        expect(Buffer.from(b.gq.buffer).equals(Buffer.from(a.gq.buffer))).toBe(true);
        expect(Buffer.from(b.gd.buffer).equals(Buffer.from(a.gd.buffer))).toBe(true);
      }
    } finally {
      pair.close();
    }
  });
});
