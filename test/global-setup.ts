import pg from 'pg';
import { PG_ADMIN_URL } from './databases';

/** Fails the run early, with a clear reason, when the PostgreSQL server the tests need is down. */
export default async function setup() {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}
