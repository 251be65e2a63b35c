DROP INDEX "work_items_state_idx";--> statement-breakpoint
CREATE INDEX "work_items_state_sort_idx" ON "work_items" USING btree ("state_id","sort_order");