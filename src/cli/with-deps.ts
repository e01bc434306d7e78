import type { Deps } from '../deps';

/** Opens the dependencies for one command, runs it, and always closes the database after. */
export async function withDeps(getDeps: () => Promise<Deps>, run: (deps: Deps) => Promise<void>): Promise<void> {
  const deps = await getDeps();
  try {
    await run(deps);
  } finally {
    await deps.db.close();
  }
}
