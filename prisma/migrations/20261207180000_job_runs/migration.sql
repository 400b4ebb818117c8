-- A job may run its program several times (Judge0's number_of_runs), and a Judge0 submission may
-- ask for stderr merged into stdout. Both default to what every earlier job did.
ALTER TABLE "jobs" ADD COLUMN "runs" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "jobs" ADD COLUMN "redirect_stderr" BOOLEAN NOT NULL DEFAULT false;
