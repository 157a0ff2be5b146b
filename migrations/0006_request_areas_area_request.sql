DROP INDEX "request_areas_area";--> statement-breakpoint
CREATE INDEX "request_areas_area" ON "request_areas" USING btree ("area_id","request_id");