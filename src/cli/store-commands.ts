// `quorum serve`, `migrate`, `import`, `audit`: the commands that open the store. What each runs
// is imported when it runs: `quorum --help` loads none of it.
import { Option, type Command } from 'commander';
import { SSD_HELP, type SsdCliOptions } from './ssd-help.js';

export function registerStoreCommands(program: Command): void {
  program
    .command('serve')
    .description('Run the bot: one HTTP server for /healthz, Slack and Teams, plus the nudge scheduler.')
    .action(async () => {
      // The server and its chat SDKs load only for `serve`.
      const { startApp } = await import('../app.js');
      const app = await startApp();
      // Exit 0 after a clean drain (src/app.ts), 1 when work in flight outlived the budget; a second
      // signal (Ctrl+C twice) stops at once.
      let signalled = false;
      const onSignal = () => {
        if (signalled) process.exit(1);
        signalled = true;
        void app.stop().then((clean) => process.exit(clean ? 0 : 1));
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });

  program
    .command('migrate')
    .description(
      'Apply database migrations as the owner (DATABASE_OWNER_URL, else DATABASE_URL) and grant the runtime role (QUORUM_DB_RUNTIME_ROLE) exactly what the app needs. Safe to run from several places at once.',
    )
    .action(async () => {
      const [{ loadConfig }, { dbErrorOf, openStore }, { DbRoleError }, { migrate }] = await Promise.all([
        import('../config.js'),
        import('../store/db.js'),
        import('../store/db-roles.js'),
        import('../store/migrate.js'),
      ]);
      const config = loadConfig();
      if (config.DATABASE_OWNER_URL && !config.DATABASE_URL) {
        process.stderr.write('DATABASE_OWNER_URL is set without DATABASE_URL: set DATABASE_URL to the runtime connection too (docs/operations.md).\n');
        process.exitCode = 2;
        return;
      }
      const databaseUrl = config.DATABASE_OWNER_URL ?? config.DATABASE_URL;
      if (config.QUORUM_DB_RUNTIME_ROLE && !databaseUrl) {
        process.stderr.write('QUORUM_DB_RUNTIME_ROLE needs a Postgres server (DATABASE_URL): the embedded PGlite database has no roles\n');
        process.exitCode = 2;
        return;
      }
      const store = await openStore({ databaseUrl, dataDir: config.QUORUM_DATA_DIR });
      try {
        const result = await migrate(store, { runtimeRole: config.QUORUM_DB_RUNTIME_ROLE });
        process.stdout.write(result.applied.length ? `Applied ${result.applied.length} migration(s).\n` : 'Database is up to date.\n');
        if (result.granted) process.stdout.write(`Runtime role ${config.QUORUM_DB_RUNTIME_ROLE} may now: ${result.granted.join('; ')}.\n`);
        else if (config.DATABASE_OWNER_URL) process.stdout.write('QUORUM_DB_RUNTIME_ROLE is unset: no privileges were granted to the runtime role.\n');
      } catch (err) {
        const denied = dbErrorOf(err).code === '42501';
        if (!(err instanceof DbRoleError) && !denied) throw err;
        // The usual cause: DATABASE_URL is the runtime role and no owner connection was given.
        process.stderr.write(denied ? `This role may not change the schema (${dbErrorOf(err).message}): set DATABASE_OWNER_URL to the owner's connection (docs/operations.md).\n` : `${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 2;
      } finally {
        await store.close();
      }
    });

  program
    .command('import')
    .description('Import cases from a JSON file ({"cases": [...]} in the case-facts format; - reads standard input), or with --format ssd from a directory of Standard Safeguarding Dataset CSVs.')
    .argument('<path>', 'JSON file, or -; with --format ssd, the directory of the extract')
    .addOption(new Option('--format <format>', 'what <path> holds').choices(['json', 'ssd']).default('json'))
    .option('--partnership <name>', 'ssd: the safeguarding partnership the cases belong to (required)')
    .option('--profile <profile>', "ssd: the partnership's profile (required the first time; swindon, devon, …)")
    .option('--ref-prefix <prefix>', "ssd: before the eldest child's CMS id in a new case's reference (default: the profile's first three letters and -)")
    .option('--close-missing', 'ssd: close open cases the extract no longer has (never deleted; without it they are only reported)')
    .addHelpText('after', SSD_HELP)
    .action(async (file: string, opts: SsdCliOptions & { format: 'json' | 'ssd' }) => {
      if (opts.format === 'ssd') return (await import('./ssd-import-command.js')).runSsdImport(file, opts);
      const [{ ImportError, importCases }, { cliContext, describeReadError, readInput, withStore }] = await Promise.all([import('../store/import.js'), import('./io.js')]);
      let text: string;
      try {
        text = await readInput(file);
      } catch (err) {
        process.stderr.write(`quorum import: ${describeReadError(file, err)}: nothing was written\n`);
        process.exitCode = 2;
        return;
      }
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch (err) {
        process.stderr.write(`The file was rejected, nothing was written:\n(root): not valid JSON (${(err as Error).message})\n`);
        process.exitCode = 2;
        return;
      }
      await withStore(async (store) => {
        try {
          const r = await importCases(store, input, cliContext());
          const total = r.created.length + r.updated.length + r.unchanged.length;
          if (r.created.length + r.updated.length === 0) process.stdout.write(`No changes: all ${total} case(s) already up to date.\n`);
          else process.stdout.write(`Imported ${total} case(s): ${r.created.length} created, ${r.updated.length} updated, ${r.unchanged.length} unchanged.\n`);
        } catch (err) {
          if (!(err instanceof ImportError)) throw err;
          process.stderr.write(`${err.message}\n`);
          process.exitCode = 2;
        }
      });
    });

  program
    .command('audit')
    .description("Print a case's audit trail, oldest first.")
    .argument('<case>', 'case reference')
    .option('--json', 'one JSON object per line')
    .action(async (ref: string, opts: { json?: boolean }) => {
      const [{ listAudit }, { withStore }] = await Promise.all([import('../store/audit.js'), import('./io.js')]);
      await withStore(async (store) => {
        const rows = await listAudit(store.db, ref);
        for (const r of rows) {
          if (opts.json) process.stdout.write(`${JSON.stringify({ at: r.at.toISOString(), actor: r.actor, action: r.action, subject: `${r.subjectType}:${r.subjectId}`, correlationId: r.correlationId, detail: r.detail })}\n`);
          else process.stdout.write(`${r.at.toISOString()}  ${r.action.padEnd(28)} ${r.actor.padEnd(24)} ${r.subjectType}:${r.subjectId}  ${r.correlationId}\n`);
        }
        if (!opts.json && rows.length === 0) process.stdout.write(`No audit entries for ${ref}.\n`);
      });
    });

  program
    .command('purge')
    .description("Remove invitations, reports state, nudges and conversation data of closed cases, keeping a minimal stub and the audit trail. Default: each profile's retention (12 months after closure unless the profile says otherwise).")
    .option('--closed-before <date>', 'purge cases closed before this date (YYYY-MM-DD)')
    .option('--dry-run', 'list what would be purged, change nothing')
    .action(async (opts: { closedBefore?: string; dryRun?: boolean }) => {
      if (opts.closedBefore && !/^\d{4}-\d{2}-\d{2}$/.test(opts.closedBefore)) {
        process.stderr.write(`--closed-before: expected a date like 2025-01-31, got "${opts.closedBefore}"\n`);
        process.exitCode = 2;
        return;
      }
      const [{ purgeClosedCases }, { cliContext, withStore }] = await Promise.all([import('../store/purge.js'), import('./io.js')]);
      await withStore(async (store) => {
        const r = await purgeClosedCases(store, { closedBefore: opts.closedBefore, dryRun: opts.dryRun, now: new Date(), ...cliContext() });
        for (const c of r.cases) process.stdout.write(`${r.dryRun ? 'would purge' : 'purged'} ${c.ref} (closed ${c.closedAt.slice(0, 10)})\n`);
        process.stdout.write(`${r.cases.length} case(s) ${r.dryRun ? 'would be purged (dry run: nothing changed)' : 'purged'}.\n`);
      });
    });
}
