-- Per-key limits (NULL = the server default, 0 = unlimited), and an index to count a key's active jobs.
ALTER TABLE "api_keys" ADD COLUMN "rate_limit_per_minute" INTEGER;
ALTER TABLE "api_keys" ADD COLUMN "max_active_jobs" INTEGER;
CREATE INDEX "jobs_api_key_id_status_idx" ON "jobs"("api_key_id", "status");
