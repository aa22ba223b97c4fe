ALTER TABLE "children" ALTER COLUMN "initials" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "source_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "cases_source_key" ON "cases" USING btree ("partnership_id","source","source_key");