// postgres.js with its `debug` option set: one JSON line per statement sent, to BENCH_SQL_LOG.
import fs from 'node:fs';
import real from 'postgres';

const fd = fs.openSync(process.env.BENCH_SQL_LOG, 'a');
const debug = (_connection, query, parameters) => fs.writeSync(fd, `${JSON.stringify({ query, parameters })}\n`);

function postgres(a, b) {
  if (typeof a === 'string') return real(a, { ...b, debug });
  return real({ ...a, debug });
}
export default Object.assign(postgres, real);
