DROP INDEX "work_item_assignees_assignee_idx";--> statement-breakpoint
DROP INDEX "work_item_labels_label_idx";--> statement-breakpoint
CREATE INDEX "work_item_assignees_assignee_item_idx" ON "work_item_assignees" USING btree ("assignee_id","work_item_id");--> statement-breakpoint
CREATE INDEX "work_item_labels_label_item_idx" ON "work_item_labels" USING btree ("label_id","work_item_id");