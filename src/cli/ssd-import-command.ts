// `quorum import --format ssd DIR`: the CLI side of the SSD sync (src/store/ssd/). Summary on
// standard output, problems and progress on standard error.
import { loadConfig } from '../config.js';
import { cliContext, withStore } from './io.js';
import type { SsdCliOptions } from './ssd-help.js';


export async function runSsdImport(dir: string, opts: SsdCliOptions): Promise<void> {
  if (!opts.partnership) {
    process.stderr.write('quorum import --format ssd: --partnership is required (the safeguarding partnership the cases belong to): nothing was written\n');
    process.exitCode = 2;
    return;
  }
  // Loaded on demand: the CSV parser and the planner are for this command only.
  const [{ importSsd, SsdImportRefused }, { replanCases }] = await Promise.all([import('../store/ssd/import-ssd.js'), import('../bot/core/nudges/index.js')]);
  const morningHour = Math.max(9, loadConfig().QUORUM_NUDGE_START_HOUR);
  const progress = progressWriter();
  await withStore(async (store) => {
    try {
      const r = await importSsd(store, {
        dir,
        partnership: opts.partnership!,
        profile: opts.profile,
        refPrefix: opts.refPrefix,
        closeMissing: opts.closeMissing,
        now: new Date(),
        ...cliContext(),
        replan: (repo, ids, now) => replanCases(repo, ids, now, { morningHour }),
        onProgress: progress.update,
      });
      progress.done();
      for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      for (const p of r.problems) process.stderr.write(`${p}\n`);
      if (r.fatal) {
        process.stderr.write('The extract was rejected, nothing was written.\n');
        process.exitCode = 2;
        return;
      }
      for (const c of r.rejected) {
        process.stderr.write(`not imported: ${c.ref ?? `the case of child ${c.children.join(', ')}`}\n`);
        for (const p of c.problems) process.stderr.write(`  ${p}\n`);
      }
      const total = r.created.length + r.updated.length + r.unchanged;
      process.stdout.write(`SSD extract ${dir}: ${r.rows} row(s) read; ${total} case(s): ${r.created.length} created, ${r.updated.length} updated, ${r.unchanged} unchanged; ${r.rejected.length} rejected.\n`);
      for (const [what, refs] of [['created', r.created], ['updated', r.updated]] as const) if (refs.length) process.stdout.write(`${what}: ${listRefs(refs)}\n`);
      for (const ref of r.missing) process.stdout.write(`${r.closed.includes(ref) ? 'closed, no longer in the extract' : 'missing from the extract (still open; --close-missing closes it)'}: ${ref}\n`);
      if (r.rejected.length || r.problems.length) process.exitCode = 2;
    } catch (err) {
      progress.done();
      if (!(err instanceof SsdImportRefused)) throw err;
      process.stderr.write(`quorum import --format ssd: ${err.message}: nothing was written\n`);
      process.exitCode = 2;
    }
  });
}

/** The references an administrator can look up next: all of a nightly few, the first 20 of a first load. */
function listRefs(refs: readonly string[]): string {
  const shown = refs.slice(0, 20).join(', ');
  return refs.length > 20 ? `${shown} and ${refs.length - 20} more` : shown;
}

/** A `\r` bar on a terminal; elsewhere a line every 50,000 rows (logs stay readable). */
function progressWriter(): { update: (p: { phase: 'read' | 'write'; done: number; total?: number }) => void; done: () => void } {
  const tty = Boolean(process.stderr.isTTY);
  let drawn = false;
  let lastLine = 0;
  return {
    update: (p) => {
      const text = p.phase === 'read' ? `reading: ${p.done.toLocaleString('en-GB')} rows` : `writing: ${p.done.toLocaleString('en-GB')}/${(p.total ?? 0).toLocaleString('en-GB')} case groups`;
      if (tty) {
        const width = 30;
        const bar = p.total ? `[${'#'.repeat(Math.round((p.done / p.total) * width)).padEnd(width)}] ` : '';
        process.stderr.write(`\r${bar}${text}\x1b[K`);
        drawn = true;
      } else if (p.phase === 'read' ? p.done - lastLine >= 50_000 : p.total !== undefined && p.total >= 5000 && (p.done === p.total || p.done % 10_000 < 500)) {
        lastLine = p.done;
        process.stderr.write(`${text}\n`);
      }
    },
    done: () => {
      if (drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}
