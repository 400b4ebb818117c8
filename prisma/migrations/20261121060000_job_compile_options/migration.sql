-- Compile flags a job asked for (each from its language's allowlist).
ALTER TABLE "jobs" ADD COLUMN "compile_options" JSONB NOT NULL DEFAULT '[]';
