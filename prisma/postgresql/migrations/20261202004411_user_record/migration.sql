-- AlterTable
ALTER TABLE "User" ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "lastVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "metadata" TEXT NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "UserMetadata" (
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "UserMetadata_pkey" PRIMARY KEY ("userId","key")
);

-- CreateTable
CREATE TABLE "PasswordAttemptWindow" (
    "userId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "failures" INTEGER NOT NULL,

    CONSTRAINT "PasswordAttemptWindow_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "UserMetadata_key_value_userId_idx" ON "UserMetadata"("key", "value", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "User_externalId_key" ON "User"("externalId");

-- AddForeignKey
ALTER TABLE "UserMetadata" ADD CONSTRAINT "UserMetadata_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordAttemptWindow" ADD CONSTRAINT "PasswordAttemptWindow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Users disabled before disabledAt existed: the last change is the best estimate of when.
UPDATE "User" SET "disabledAt" = "updatedAt" WHERE "status" = 'disabled';
