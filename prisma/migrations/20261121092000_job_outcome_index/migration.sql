-- GET /jobs?outcome= pages newest first within one outcome.
CREATE INDEX "jobs_outcome_created_at_idx" ON "jobs"("outcome", "created_at" DESC);
