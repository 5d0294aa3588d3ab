-- AlterEnum
ALTER TYPE "RegionKind" ADD VALUE 'PROVINCE';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "regionId" INTEGER;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
