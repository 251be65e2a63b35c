CREATE TABLE "work_item_counts" (
	"project_id" uuid NOT NULL,
	"state_id" uuid NOT NULL,
	"visible" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "work_item_counts_project_id_state_id_pk" PRIMARY KEY("project_id","state_id")
);
--> statement-breakpoint
ALTER TABLE "work_item_counts" ADD CONSTRAINT "work_item_counts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Keeps work_item_counts in step with work_items, one statement at a time (a bulk insert aggregates once).
-- Counter rows are locked in (project_id, state_id) order, so two statements never wait on each other in a
-- circle; an update that changes no item's state or visibility locks none. Deletes only update: a project's
-- deletion cascades to its counters, which must not come back.
CREATE FUNCTION "work_item_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "work_item_counts" ("project_id", "state_id", "visible")
    SELECT "project_id", "state_id", count(*) FROM new_rows
    WHERE "deleted_at" IS NULL AND "archived_at" IS NULL AND NOT "is_draft"
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("project_id", "state_id") DO UPDATE SET "visible" = "work_item_counts"."visible" + excluded."visible";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "work_item_counts" ("project_id", "state_id", "visible")
    SELECT "project_id", "state_id", sum(n) FROM (
      SELECT "project_id", "state_id", 1 AS n FROM new_rows
      WHERE "deleted_at" IS NULL AND "archived_at" IS NULL AND NOT "is_draft"
      UNION ALL
      SELECT "project_id", "state_id", -1 FROM old_rows
      WHERE "deleted_at" IS NULL AND "archived_at" IS NULL AND NOT "is_draft"
    ) delta
    GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
    ON CONFLICT ("project_id", "state_id") DO UPDATE SET "visible" = "work_item_counts"."visible" + excluded."visible";
  ELSE
    UPDATE "work_item_counts" c SET "visible" = c."visible" - d.n
    FROM (
      SELECT "project_id", "state_id", count(*) AS n FROM old_rows
      WHERE "deleted_at" IS NULL AND "archived_at" IS NULL AND NOT "is_draft"
      GROUP BY 1, 2
    ) d
    WHERE c."project_id" = d."project_id" AND c."state_id" = d."state_id";
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "work_item_counts_insert" AFTER INSERT ON "work_items" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "work_item_counts_apply"();--> statement-breakpoint
CREATE TRIGGER "work_item_counts_update" AFTER UPDATE ON "work_items"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "work_item_counts_apply"();--> statement-breakpoint
CREATE TRIGGER "work_item_counts_delete" AFTER DELETE ON "work_items" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "work_item_counts_apply"();--> statement-breakpoint
INSERT INTO "work_item_counts" ("project_id", "state_id", "visible")
SELECT "project_id", "state_id", count(*) FROM "work_items"
WHERE "deleted_at" IS NULL AND "archived_at" IS NULL AND NOT "is_draft"
GROUP BY 1, 2;
