ALTER TABLE "conferences" ADD COLUMN "booked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "invitations_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "reports_circulated_at" timestamp with time zone;