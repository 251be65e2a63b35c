CREATE TABLE "deployments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"external_id" text NOT NULL,
	"project_name" text NOT NULL,
	"url" text,
	"state" text NOT NULL,
	"environment" text NOT NULL,
	"commit_sha" text,
	"branch" text,
	"author" text,
	"creator_id" uuid,
	"files_changed" integer,
	"additions" integer,
	"deletions" integer,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "deployments_state_ck" CHECK ("deployments"."state" in ('queued', 'building', 'ready', 'error', 'canceled'))
);
--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_source_uq" ON "deployments" USING btree ("workspace_id","provider","external_id");--> statement-breakpoint
CREATE INDEX "deployments_workspace_created_idx" ON "deployments" USING btree ("workspace_id","created_at");