import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
const u0 = process.cpuUsage();
const c = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync('/tmp/hts/template.tar')]) }); await c.query('select count(*) from drizzle.__drizzle_migrations');
const u = process.cpuUsage(u0); console.log('fresh load cpu', Math.round((u.user+u.system)/1000));
