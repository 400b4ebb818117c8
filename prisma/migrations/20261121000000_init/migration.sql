-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "Outcome" AS ENUM ('ok', 'compile_error', 'runtime_error', 'timeout', 'memory_limit', 'output_limit', 'wrong_answer', 'internal_error');

-- CreateEnum
CREATE TYPE "ApiKeyRole" AS ENUM ('user', 'admin');

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "role" "ApiKeyRole" NOT NULL DEFAULT 'user',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" UUID NOT NULL,
    "api_key_id" UUID,
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "outcome" "Outcome",
    "language" TEXT NOT NULL,
    "version" TEXT,
    "files" JSONB NOT NULL,
    "stdin" TEXT NOT NULL DEFAULT '',
    "args" JSONB NOT NULL DEFAULT '[]',
    "limits" JSONB NOT NULL,
    "compile" JSONB,
    "run" JSONB,
    "message" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "worker_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "jobs_created_at_id_idx" ON "jobs"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "jobs_status_created_at_idx" ON "jobs"("status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "jobs_language_created_at_idx" ON "jobs"("language", "created_at" DESC);

-- CreateIndex
CREATE INDEX "jobs_api_key_id_created_at_idx" ON "jobs"("api_key_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

