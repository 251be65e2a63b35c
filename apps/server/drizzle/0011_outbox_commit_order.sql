-- Outbox positions in commit order without a global lock (decision 0028). The old identity column keeps its
-- values as the insert order; the position (seq) becomes a plain column the sequencer fills after commit.
-- Old positions were already in commit order (under the old lock), so every row keeps its seq and every stored
-- consumer position stays valid.
ALTER TABLE "domain_events" RENAME COLUMN "seq" TO "insert_seq";--> statement-breakpoint
ALTER SEQUENCE "domain_events_seq_seq" RENAME TO "domain_events_insert_seq_seq";--> statement-breakpoint
ALTER TABLE "domain_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
UPDATE "domain_events" SET "seq" = "insert_seq";--> statement-breakpoint
DROP INDEX "domain_events_workspace_seq_idx";--> statement-breakpoint
CREATE INDEX "domain_events_workspace_seq_idx" ON "domain_events" USING btree ("workspace_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "domain_events_seq_idx" ON "domain_events" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "domain_events_unsequenced_idx" ON "domain_events" USING btree ("insert_seq") WHERE "domain_events"."seq" is null;--> statement-breakpoint
CREATE SEQUENCE "public"."domain_events_position_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
SELECT setval('"public"."domain_events_position_seq"', coalesce((SELECT max("seq") FROM "domain_events"), 0) + 1, false);
