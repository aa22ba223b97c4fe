ALTER TABLE "conferences" ADD COLUMN "calendar_sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "calendar_feed_version" integer DEFAULT 0 NOT NULL;