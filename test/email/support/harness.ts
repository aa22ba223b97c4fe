// Email with real parts, in process: an SMTP server on 127.0.0.1 (smtp-server) whose mail is parsed
// with mailparser, a test store seeded through the import, and the email mount (sender and answer
// page) on our own HTTP server. Chat users get a recording Slack sender.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { mountEmail } from '../../../src/bot/email/index.js';
import { feedUrl } from '../../../src/bot/email/calendar-feed.js';
import { respondUrl } from '../../../src/bot/email/sender.js';
import { createLinkSigner } from '../../../src/bot/email/tokens.js';
import { findInvitationLink } from '../../../src/store/invitation-links.js';
import { conferences, people } from '../../../src/store/schema.js';
import { createCoreDeps } from '../../../src/bot/core/deps.js';
import { runCommand } from '../../../src/bot/core/index.js';
import type { ChannelSender } from '../../../src/bot/core/types.js';
import { dispatch } from '../../../src/bot/scheduler/index.js';
import { loadConfig } from '../../../src/config.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import { openTestStore, type DbKind, type TestStore } from '../../support/databases.js';
import { freePort } from '../../support/free-port.js';
import { createRecordingSender, type RecordingSender } from '../../scheduler/support/recording-sender.js';
import { seed } from '../../scheduler/support/seed.js';

export const FROM = 'quorum@council.example';
export const SECRET = 'test-link-secret-0123456789abcdef0123456789';

export interface MailHarness {
  store: TestStore;
  ids: Map<string, number>;
  mail: ParsedMail[];
  /** SMTP reply codes to give the next RCPT TOs of an address, one each (e.g. 421). */
  refuseNext: { to: string; code: number }[];
  slack: RecordingSender;
  email: ChannelSender;
  web: RunningServer;
  clock: { now: Date };
  /** A command as this person (by email), through the core as the CLI runs it. */
  run(as: string, text: string): Promise<string>;
  dispatch(): Promise<Awaited<ReturnType<typeof dispatch>>>;
  /** The answer page and calendar feed links an email to this invitee would carry (without sending one). */
  linksFor(email: string): Promise<{ respond: string; feed: string }>;
  close(): Promise<void>;
}

export async function openMailHarness(kind: DbKind, start: Date): Promise<MailHarness> {
  const mail: ParsedMail[] = [];
  const refuseNext: { to: string; code: number }[] = [];
  const parsing: Promise<void>[] = [];
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      const i = refuseNext.findIndex((r) => r.to === address.address);
      const code = i >= 0 ? refuseNext.splice(i, 1)[0]!.code : undefined;
      if (code) return cb(Object.assign(new Error(code >= 500 ? 'No such user' : 'Try again later'), { responseCode: code }));
      cb();
    },
    onData(stream, _session, cb) {
      parsing.push(simpleParser(stream).then((m) => void mail.push(m)));
      stream.on('end', () => cb());
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const webPort = await freePort();
  const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, QUORUM_MAIL_FROM: FROM, QUORUM_PUBLIC_URL: `http://127.0.0.1:${webPort}`, QUORUM_LINK_SECRET: SECRET });
  const store = await openTestStore(kind);
  const ids = await seed(store);
  const clock = { now: start };
  const log = pino({ level: 'silent' });
  const core = createCoreDeps(config, store);
  const mounted = await mountEmail({ config, store, log, core }, { now: () => clock.now });
  const slack = createRecordingSender('slack');
  const email = mounted.senders![0]!;
  core.channels = ['slack', 'email'];
  const web = await startServer({ port: webPort, host: '127.0.0.1', routes: mounted.routes! });
  return {
    store,
    ids,
    mail,
    refuseNext,
    slack,
    email,
    web,
    clock,
    async run(as, text) {
      const reply = await runCommand(core, { user: { platform: 'cli', workspaceId: 'cli', userId: as, email: as }, correlationId: 'test', now: clock.now }, text);
      if (reply.error) throw new Error(`${reply.error.code}: ${reply.error.message}`);
      return JSON.stringify(reply.view);
    },
    async dispatch() {
      const out = await dispatch(store.db, clock.now, { senders: [slack, email], log });
      await Promise.all(parsing);
      return out;
    },
    async linksFor(address) {
      const [p] = await store.db.select({ id: people.id }).from(people).where(eq(people.email, address));
      const [conf] = await store.db.select({ id: conferences.id }).from(conferences);
      const link = await findInvitationLink(store.db, conf!.id, p!.id);
      const signer = createLinkSigner(SECRET);
      return { respond: respondUrl(web.url, signer, link!), feed: (await feedUrl(store.db, web.url, signer, p!.id))! };
    },
    async close() {
      await web.close();
      await mounted.stop?.();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await store.close();
    },
  };
}

/** The answer page's address in a parsed email. */
export function respondLink(m: ParsedMail): string {
  const found = /https?:\/\/\S+\/respond\/[A-Za-z0-9_.-]+/.exec(m.text ?? '');
  if (!found) throw new Error('no answer link in the email');
  return found[0];
}

export function calendarPart(m: ParsedMail): string | undefined {
  const part = m.attachments.find((a) => a.contentType === 'text/calendar');
  return part?.content.toString('utf8');
}
