-- The dashboard's per-minute statistics read the last hour of finished jobs.
CREATE INDEX "jobs_finished_at_idx" ON "jobs"("finished_at");
