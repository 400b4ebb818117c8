-- Artifacts: the patterns a job asks back, and the files collected after its run stage.
ALTER TABLE "jobs" ADD COLUMN "artifact_patterns" JSONB,
ADD COLUMN "artifacts" JSONB;
