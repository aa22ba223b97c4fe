-- A chat link is (platform, workspace, user id): a user id is only unique within its Slack team or
-- Teams tenant. Links made before this have no workspace ('') and match no request: their users link
-- again (by an id given by import in the connected workspace, or by a confirmed email), audited.
ALTER TABLE "chat_identities" ADD COLUMN "workspace_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "chat_identities" DROP CONSTRAINT "chat_identities_platform_platform_user_id_pk";--> statement-breakpoint
ALTER TABLE "chat_identities" ADD CONSTRAINT "chat_identities_platform_workspace_id_platform_user_id_pk" PRIMARY KEY("platform","workspace_id","platform_user_id");
