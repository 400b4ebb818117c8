-- Time a job spent in sandboxes, and whether a warm container ran it.
ALTER TABLE "jobs" ADD COLUMN "timings" JSONB;
