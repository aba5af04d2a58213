import { openDatabase } from '@csphub/db';
import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
const u0 = process.cpuUsage();
const a = await openDatabase({ kind: 'pglite' });
const u = process.cpuUsage(u0); console.log('fresh open+migrate cpu', Math.round((u.user+u.system)/1000));
const dump = await (a.pglite as PGlite).dumpDataDir('none');
fs.writeFileSync('/tmp/hts/template.tar', Buffer.from(await dump.arrayBuffer()));
