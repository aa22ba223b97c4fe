// Two roles on Postgres: an owner (not a superuser) that owns the database and runs the migrations,
// and the runtime role `quorum migrate` grants to. As the runtime role nothing can rewrite or empty
// the audit log. PGlite has no roles, so this file runs on Postgres only (and says so when skipped).
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/store/audit.js';
import { dbErrorOf, openStore } from '../../src/store/db.js';
import { DbRoleError, grantRuntimePrivileges, QUORUM_TABLES, RUNTIME_PRIVILEGES } from '../../src/store/db-roles.js';
import { migrate, prepareStore } from '../../src/store/migrate.js';
import { createTestDatabase, createTestRole } from '../support/databases.js';
import { createTwoRoles, type TwoRoles } from './support/two-roles.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL);
if (!enabled) console.log('[quorum tests] NOTE: TEST_DATABASE_URL is unset, so the database role tests (test/store/db-roles, serve-roles) are SKIPPED: PGlite has no roles.');

describe.runIf(enabled)('database roles (postgres)', () => {
  let roles: TwoRoles;
  let runtime: postgres.Sql;
  let owner: postgres.Sql;
  beforeAll(async () => {
    roles = await createTwoRoles();
    runtime = postgres(roles.runtimeUrl, { max: 1, onnotice: () => {} });
    owner = postgres(roles.ownerUrl, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await runtime?.end();
    await owner?.end();
    await roles?.drop();
  });

  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
      return 'no error';
    } catch (err) {
      return dbErrorOf(err).code ?? dbErrorOf(err).message;
    }
  };

  it('gives the runtime role exactly what the code needs, on every table the migrations create', async () => {
    const tables = await owner<{ t: string }[]>`select tablename::text as t from pg_tables where schemaname = 'public' order by 1`;
    expect(tables.map((r) => r.t)).toEqual([...QUORUM_TABLES].sort());
    const grants = await owner<{ t: string; p: string }[]>`
      select table_name::text as t, privilege_type::text as p from information_schema.role_table_grants where grantee = ${roles.runtimeRole} order by 1, 2`;
    const got: Record<string, string[]> = {};
    for (const g of grants) (got[g.t] ??= []).push(g.p);
    const want = Object.fromEntries(Object.entries(RUNTIME_PRIVILEGES).map(([t, ps]) => [t, [...ps].sort()]));
    expect(got).toEqual(want);
    expect(got.audit_log).toEqual(['INSERT', 'SELECT']);
    const owned = await owner<{ n: number }[]>`select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = ${roles.runtimeRole}`;
    expect(owned[0]!.n).toBe(0);
    const sequences = await owner<{ s: string; usage: boolean }[]>`
      select c.relname::text as s, has_sequence_privilege(${roles.runtimeRole}, c.oid, 'USAGE') as usage from pg_class c where c.relkind = 'S' order by 1`;
    expect(sequences.length).toBeGreaterThanOrEqual(10);
    expect(sequences.every((s) => s.usage)).toBe(true);
  });

  it('as the runtime role, the audit log takes new entries and is read, but cannot be changed, emptied or unprotected', async () => {
    const store = await openStore({ databaseUrl: roles.runtimeUrl, poolSize: 1 });
    try {
      await appendAudit(store.db, { actor: 'test', action: 'CASE_VIEWED', subjectType: 'case', subjectId: 1, correlationId: 'roles-1' });
    } finally {
      await store.close();
    }
    const attacks = [
      `update audit_log set actor = 'someone else'`,
      `delete from audit_log`,
      `truncate audit_log`,
      `alter table audit_log disable trigger audit_log_append_only`,
      `alter table audit_log disable trigger all`,
      `drop trigger audit_log_append_only on audit_log`,
      `drop trigger audit_log_no_truncate on audit_log`,
      `alter table audit_log add column note text`,
      `alter table audit_log owner to ${roles.runtimeRole}`,
      `drop table audit_log`,
      `create or replace function quorum_audit_log_refuse_change() returns trigger as $$ begin return new; end $$ language plpgsql`,
      `create table public.shadow (id int)`,
      `set role ${roles.ownerRole}`,
    ];
    for (const attack of attacks) expect([attack, await refusal(runtime.unsafe(attack))]).toEqual([attack, '42501']);
    // Not even inside a transaction of its own.
    expect(await refusal(runtime.begin((tx) => tx.unsafe('alter table audit_log disable trigger user')))).toBe('42501');
    const rows = await runtime<{ actor: string }[]>`select actor from audit_log`;
    expect(rows.map((r) => r.actor)).toEqual(['test']);
    const triggers = await owner<{ n: number }[]>`select count(*)::int as n from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal and tgenabled <> 'D'`;
    expect(triggers[0]!.n).toBe(2);
  });

  it('shows why the app must not run as the owner: the owner can switch the trigger off', async () => {
    const answer = await refusal(
      owner.begin(async (tx) => {
        await tx.unsafe('alter table audit_log disable trigger audit_log_append_only');
        throw new Error('rolled back');
      }),
    );
    expect(answer).toBe('rolled back');
  });

  it('refuses to grant to a role that is missing, a superuser, the migrating role itself, or an owner of the tables', async () => {
    const store = await openStore({ databaseUrl: roles.ownerUrl, poolSize: 1 });
    try {
      const code = async (role: string) => {
        try {
          await migrate(store, { runtimeRole: role });
          return 'granted';
        } catch (err) {
          return err instanceof DbRoleError ? `${err.code}: ${err.message}` : String(err);
        }
      };
      expect(await code('quorum_no_such_role')).toMatch(/DB_RUNTIME_ROLE_INVALID: .*does not exist/);
      expect(await code('postgres')).toMatch(/is a superuser/);
      expect(await code(roles.ownerRole)).toMatch(/is the role running the migrations/);
      expect(await code(roles.runtimeRole)).toBe('granted');
      // Grants are exact: a privilege added by hand is taken back by the next `quorum migrate`.
      await owner.unsafe(`grant update, delete on audit_log to ${roles.runtimeRole}`);
      expect(await code(roles.runtimeRole)).toBe('granted');
      const audit = await owner<{ p: string }[]>`
        select privilege_type::text as p from information_schema.role_table_grants where grantee = ${roles.runtimeRole} and table_name = 'audit_log' order by 1`;
      expect(audit.map((r) => r.p)).toEqual(['INSERT', 'SELECT']);
    } finally {
      await store.close();
    }
  });

  it('refuses a runtime role that owns a table', async () => {
    const other = await createTestDatabase();
    const role = await createTestRole(other.url, 'quorum_rt');
    const store = await openStore({ databaseUrl: other.url, poolSize: 1 });
    try {
      await migrate(store);
      await store.db.execute(sql.raw(`alter table nudges owner to ${role.name}`));
      await expect(store.db.transaction((tx) => grantRuntimePrivileges(tx, role.name))).rejects.toThrow(/owns Quorum tables/);
    } finally {
      await store.close();
      await other.drop();
      await role.drop();
    }
  });

  it('prepares a single-role database as before: it migrates where its role owns the schema', async () => {
    const store = await openStore({ databaseUrl: roles.ownerUrl, poolSize: 1 });
    try {
      expect(await prepareStore(store, { production: false })).toMatchObject({ mode: 'migrated', applied: [] });
    } finally {
      await store.close();
    }
    const asRuntime = await openStore({ databaseUrl: roles.runtimeUrl, poolSize: 1 });
    try {
      expect(await prepareStore(asRuntime, { production: true })).toEqual({ mode: 'checked', applied: [], role: roles.runtimeRole });
    } finally {
      await asRuntime.close();
    }
  });
});
