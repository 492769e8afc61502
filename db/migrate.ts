// `npm run db:migrate`: apply migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
import { openDatabase } from './client';

const handle = await openDatabase({
  url: process.env.DATABASE_URL,
  dataDir: process.env.DATA_DIR ?? './data'
});
console.log(`migrations applied (${handle.kind})`);
await handle.close();
