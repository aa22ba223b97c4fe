// `quorum import --format ssd`: the command's wiring (options, summary on stdout, exit codes). What
// the sync does is tested in test/store/ssd-import.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliDatabase, type CliDatabase } from '../support/cli-database.js';
import { runMain } from '../support/run-cli.js';

let db: CliDatabase;
beforeAll(async () => {
  db = await openCliDatabase('quorum-ssd-cli-');
});
afterAll(() => db.close());

describe('quorum import --format ssd', () => {
  it('imports the extract, finds it unchanged the second time, and refuses without --partnership', async () => {
    const args = ['import', '--format', 'ssd', 'test/fixtures/ssd', '--partnership', 'Swindon', '--profile', 'swindon', '--ref-prefix', 'CLI-'];
    const first = await runMain(args, db.env);
    expect(first).toEqual({ code: 0, stderr: '', stdout: 'SSD extract test/fixtures/ssd: 34 row(s) read; 4 case(s): 4 created, 0 updated, 0 unchanged; 0 rejected.\ncreated: CLI-P100, CLI-P200, CLI-P300, CLI-P400\n' });
    const second = await runMain(args, db.env);
    expect(second.stdout).toContain('4 case(s): 0 created, 0 updated, 4 unchanged');
    const refused = await runMain(['import', '--format', 'ssd', 'test/fixtures/ssd'], db.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--partnership is required');
  });
});
