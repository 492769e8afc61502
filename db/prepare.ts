// Part of `npm run build`: makes the embedded database template now, so the first start is fast.
import { openDatabase } from './client';

const handle = await openDatabase({});
await handle.close();
console.log('embedded database template ready');
