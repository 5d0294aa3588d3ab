-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "publishedRollupTitle" TEXT;
