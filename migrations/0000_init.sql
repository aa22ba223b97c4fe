CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"case_ref" text,
	"correlation_id" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "case_members" (
	"case_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_members_case_id_person_id_role_pk" PRIMARY KEY("case_id","person_id","role")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"partnership_id" integer,
	"profile" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"lead_social_worker_id" integer,
	"import_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_ref_unique" UNIQUE("ref"),
	CONSTRAINT "cases_status_check" CHECK ("cases"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "chat_identities" (
	"platform" text NOT NULL,
	"platform_user_id" text NOT NULL,
	"person_id" integer NOT NULL,
	"conversation_ref" jsonb,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_identities_platform_platform_user_id_pk" PRIMARY KEY("platform","platform_user_id")
);
--> statement-breakpoint
CREATE TABLE "children" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"ref" text NOT NULL,
	"initials" text NOT NULL,
	"unborn" boolean DEFAULT false NOT NULL,
	"date_of_birth" date,
	"expected_date" date
);
--> statement-breakpoint
CREATE TABLE "conferences" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"key" text NOT NULL,
	"type" text NOT NULL,
	"prebirth" boolean DEFAULT false NOT NULL,
	"transfer_in" boolean DEFAULT false NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"status_reason" text,
	"outcome" text,
	"outcomes" jsonb,
	"quorum_decision" text,
	"inquorate_reason" text,
	"first_core_group_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dissents" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"conference_id" integer NOT NULL,
	"person_id" integer,
	"by_name" text NOT NULL,
	"decision" text NOT NULL,
	"view" text NOT NULL,
	"formal" boolean NOT NULL,
	"lodged_at" timestamp with time zone NOT NULL,
	"supersedes" integer,
	"review_outcome" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"conference_key" text,
	"note" text,
	"author_person_id" integer,
	"source" text DEFAULT 'import' NOT NULL,
	"superseded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" serial PRIMARY KEY NOT NULL,
	"conference_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"agency" text NOT NULL,
	"sector" text NOT NULL,
	"role" text DEFAULT 'professional' NOT NULL,
	"response" text DEFAULT 'no_reply' NOT NULL,
	"deputy" text,
	"responded_at" timestamp with time zone,
	"report_submitted_at" timestamp with time zone,
	"report_shared_at" timestamp with time zone,
	"report_withheld_reason" text,
	"removed_at" timestamp with time zone,
	"removed_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nudges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"case_id" integer NOT NULL,
	"conference_id" integer,
	"recipient_id" integer NOT NULL,
	"channel" text NOT NULL,
	"step" text NOT NULL,
	"deadline" text,
	"due_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"possibly_sent" boolean DEFAULT false NOT NULL,
	"platform_message_id" text,
	"platform_channel_id" text,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nudges_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"profile" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnerships_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"sector" text DEFAULT 'other' NOT NULL,
	"email" text,
	"slack_user_id" text,
	"teams_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processed_requests" (
	"key" text PRIMARY KEY NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purged_cases" (
	"ref" text PRIMARY KEY NOT NULL,
	"closed_at" timestamp with time zone,
	"purged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_lead_social_worker_id_people_id_fk" FOREIGN KEY ("lead_social_worker_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_identities" ADD CONSTRAINT "chat_identities_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dissents" ADD CONSTRAINT "dissents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dissents" ADD CONSTRAINT "dissents_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dissents" ADD CONSTRAINT "dissents_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_author_person_id_people_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nudges" ADD CONSTRAINT "nudges_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nudges" ADD CONSTRAINT "nudges_recipient_id_people_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_case_ref_idx" ON "audit_log" USING btree ("case_ref","id");--> statement-breakpoint
CREATE INDEX "case_members_person_idx" ON "case_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "chat_identities_person_idx" ON "chat_identities" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "children_case_ref_key" ON "children" USING btree ("case_id","ref");--> statement-breakpoint
CREATE UNIQUE INDEX "conferences_case_key_key" ON "conferences" USING btree ("case_id","key");--> statement-breakpoint
CREATE INDEX "conferences_scheduled_idx" ON "conferences" USING btree ("status","scheduled_at");--> statement-breakpoint
CREATE INDEX "dissents_case_idx" ON "dissents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "events_case_idx" ON "events" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_conference_person_key" ON "invitations" USING btree ("conference_id","person_id");--> statement-breakpoint
CREATE INDEX "invitations_person_idx" ON "invitations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "nudges_status_due_idx" ON "nudges" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "nudges_case_idx" ON "nudges" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_key" ON "people" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "people_slack_user_id_key" ON "people" USING btree ("slack_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_teams_user_id_key" ON "people" USING btree ("teams_user_id");