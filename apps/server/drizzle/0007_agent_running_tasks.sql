ALTER TABLE "agents" ADD COLUMN "running_tasks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "agents" SET "running_tasks" = (SELECT count(*) FROM "agent_tasks" WHERE "agent_tasks"."agent_id" = "agents"."id" AND "agent_tasks"."status" = 'in_progress');
