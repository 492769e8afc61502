// The embedded database always; Postgres too when DATABASE_URL is set (a fresh database per use).
import { openDatabase, type DatabaseHandle } from '../../db';
import { freshPostgres, serviceUrl } from './services';

export interface Backend {
  name: string;
  open(): Promise<{ handle: DatabaseHandle; cleanup(): Promise<void> }>;
}

export function backends(what: string): Backend[] {
  const list: Backend[] = [
    {
      name: 'PGlite',
      open: async () => {
        const handle = await openDatabase({});
        return { handle, cleanup: () => handle.close() };
      }
    }
  ];
  const pgUrl = serviceUrl('DATABASE_URL', `${what} on Postgres`);
  if (pgUrl)
    list.push({
      name: 'Postgres',
      open: async () => {
        const fresh = await freshPostgres(pgUrl);
        const handle = await openDatabase({ url: fresh.url });
        return {
          handle,
          async cleanup() {
            await handle.close();
            await fresh.drop();
          }
        };
      }
    });
  return list;
}
