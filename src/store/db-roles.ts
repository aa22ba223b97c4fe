// Two database roles: an owner that runs the migrations (and alone may alter, disable triggers on or
// truncate a table), and the runtime role the running app connects as, which owns nothing and may
// only do what the code does. Its audit_log rights are INSERT and SELECT: a compromised app cannot
// rewrite the trail, because the table's triggers are not its to disable or drop.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from './db.js';

type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * What the code does to each table, and so what the runtime role is granted: nothing more. A new
 * table, or a new kind of write, needs its line here (test/store/db-roles.test.ts checks every table
 * the migrations create has one). Rows that go with a purged case go by ON DELETE CASCADE, which
 * runs with the table owner's rights, so child tables need no DELETE for it.
 */
export const RUNTIME_PRIVILEGES: Readonly<Record<string, readonly Privilege[]>> = {
  audit_log: ['SELECT', 'INSERT'],
  partnerships: ['SELECT', 'INSERT'],
  people: ['SELECT', 'INSERT', 'UPDATE'],
  cases: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // UPDATE: the SSD sync corrects a synced child's dates of birth in place.
  children: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  case_members: ['SELECT', 'INSERT', 'DELETE'],
  conferences: ['SELECT', 'INSERT', 'UPDATE'],
  // The agency directory: added by import and invite; an import may correct whether one counts.
  agencies: ['SELECT', 'INSERT', 'UPDATE'],
  invitations: ['SELECT', 'INSERT', 'UPDATE'],
  events: ['SELECT', 'INSERT', 'UPDATE'],
  // Dissent is immutable: a change is a new, superseding entry.
  dissents: ['SELECT', 'INSERT'],
  nudges: ['SELECT', 'INSERT', 'UPDATE'],
  chat_identities: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  processed_requests: ['SELECT', 'INSERT', 'DELETE'],
  purged_cases: ['SELECT', 'INSERT'],
  // To check, at start, that the schema is the one this release expects.
  quorum_migrations: ['SELECT'],
};

export const QUORUM_TABLES = Object.keys(RUNTIME_PRIVILEGES);

// Any of these on audit_log would let the app rewrite or empty the trail.
const AUDIT_REWRITE = ['UPDATE', 'DELETE', 'TRUNCATE'] as const;

export class DbRoleError extends Error {
  constructor(
    readonly code: 'DB_ROLE_UNSAFE' | 'DB_ROLE_MISSING_PRIVILEGES' | 'DB_RUNTIME_ROLE_INVALID' | 'DB_NOT_MIGRATED' | 'DB_MIGRATIONS_PENDING',
    message: string,
  ) {
    super(message);
    this.name = 'DbRoleError';
  }
}

export interface RoleReport {
  role: string;
  superuser: boolean;
  /** Quorum tables this role owns, or could act as the owner of (a member of the owning role). */
  owned: string[];
  /** UPDATE, DELETE or TRUNCATE on audit_log, where the role has them. */
  auditRewrite: string[];
  /** Whether quorum_migrations exists (false: a database Quorum never migrated). */
  migrated: boolean;
  /** `PRIVILEGE on table` (or `USAGE on sequence`) the code needs and the role lacks. */
  missing: string[];
}

/** What the connected role may do to Quorum's tables (Postgres only: PGlite has no roles). */
export async function inspectRole(db: Executor): Promise<RoleReport> {
  const tables = `{${QUORUM_TABLES.join(',')}}`;
  const [head] = await queryRows<{ role: string; superuser: boolean; owned: string[]; audit_rewrite: string[]; migrated: boolean }>(
    db,
    sql`select current_user::text as role,
        coalesce((select rolsuper from pg_roles where rolname = current_user), false) as superuser,
        array(select tablename::text from pg_tables where schemaname = current_schema() and tablename = any(${tables}::text[])
          and pg_has_role(current_user, tableowner, 'MEMBER') order by tablename) as owned,
        array(select p from unnest(${`{${AUDIT_REWRITE.join(',')}}`}::text[]) as p
          where to_regclass('audit_log') is not null and has_table_privilege('audit_log', p)) as audit_rewrite,
        to_regclass('quorum_migrations') is not null as migrated`,
  );
  const needed = Object.entries(RUNTIME_PRIVILEGES).flatMap(([t, ps]) => ps.map((p) => ({ t, p })));
  const missing = await queryRows<{ what: string }>(
    db,
    sql`select p || ' on ' || t as what from unnest(${`{${needed.map((n) => n.t).join(',')}}`}::text[], ${`{${needed.map((n) => n.p).join(',')}}`}::text[]) as x(t, p)
        where to_regclass(t) is null or not has_table_privilege(t, p)
      union all
      select 'USAGE on sequence ' || s from unnest(${`{${(await ownedSequences(db)).join(',')}}`}::text[]) as s
        where not has_sequence_privilege(s, 'USAGE')`,
  );
  return { role: head!.role, superuser: head!.superuser, owned: head!.owned, auditRewrite: head!.audit_rewrite, migrated: head!.migrated, missing: missing.map((m) => m.what) };
}

/** Why this role must not run the app, or undefined when it may. */
export function unsafeReason(r: RoleReport): string | undefined {
  if (r.superuser) return 'is a superuser';
  if (r.owned.length) return `owns the tables (${r.owned.slice(0, 3).join(', ')}${r.owned.length > 3 ? ', …' : ''})`;
  if (r.auditRewrite.length) return `can ${r.auditRewrite.join(', ')} audit_log`;
  return undefined;
}

/**
 * Gives `role` exactly RUNTIME_PRIVILEGES on Quorum's tables and USAGE on their sequences, revoking
 * anything else it had on them. Run by `quorum migrate`, as the owner, in the migration transaction.
 */
export async function grantRuntimePrivileges(db: Executor, role: string): Promise<string[]> {
  const [found] = await queryRows<{ superuser: boolean; is_me: boolean; owns: boolean }>(
    db,
    sql`select rolsuper as superuser, rolname = current_user as is_me,
        exists(select 1 from pg_tables where schemaname = current_schema() and tablename = any(${`{${QUORUM_TABLES.join(',')}}`}::text[])
          and pg_has_role(${role}, tableowner, 'MEMBER')) as owns
      from pg_roles where rolname = ${role}`,
  );
  const refuse = (why: string) => new DbRoleError('DB_RUNTIME_ROLE_INVALID', `QUORUM_DB_RUNTIME_ROLE: role "${role}" ${why}`);
  if (!found) throw refuse('does not exist: create it first (docs/operations.md gives the SQL)');
  if (found.is_me) throw refuse('is the role running the migrations: the app needs a role of its own that owns nothing');
  if (found.superuser) throw refuse('is a superuser: it could rewrite the audit log');
  if (found.owns) throw refuse('owns Quorum tables (or is a member of their owner): reassign them to the owner first (docs/operations.md)');
  const who = quoteIdent(role);
  const tables = QUORUM_TABLES.map(quoteIdent).join(', ');
  const sequences = (await ownedSequences(db)).map(quoteIdent);
  await db.execute(sql.raw(`revoke all on table ${tables} from ${who}`));
  if (sequences.length) await db.execute(sql.raw(`revoke all on sequence ${sequences.join(', ')} from ${who}`));
  const granted: string[] = [];
  for (const [table, privileges] of Object.entries(RUNTIME_PRIVILEGES)) {
    await db.execute(sql.raw(`grant ${privileges.join(', ')} on table ${quoteIdent(table)} to ${who}`));
    granted.push(`${privileges.join(', ')} on ${table}`);
  }
  if (sequences.length) {
    await db.execute(sql.raw(`grant usage on sequence ${sequences.join(', ')} to ${who}`));
    granted.push(`USAGE on ${sequences.length} sequences`);
  }
  await db.execute(sql.raw(`grant usage on schema ${quoteIdent(await currentSchema(db))} to ${who}`));
  return granted;
}

/** The sequences behind Quorum's serial and bigserial ids. */
async function ownedSequences(db: Executor): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select s.relname::text as name from pg_class s
        join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')
        join pg_class t on t.oid = d.refobjid
      where s.relkind = 'S' and t.relname = any(${`{${QUORUM_TABLES.join(',')}}`}::text[]) and t.relnamespace = current_schema()::regnamespace
      order by 1`,
  );
  return rows.map((r) => r.name);
}

async function currentSchema(db: Executor): Promise<string> {
  const [row] = await queryRows<{ schema: string }>(db, sql`select current_schema()::text as schema`);
  return row!.schema;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
