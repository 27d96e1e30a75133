import { MigrationInterface, QueryRunner } from "typeorm";

export class AddOutboxLease1795767490276 implements MigrationInterface {
    name = 'AddOutboxLease1795767490276'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_outbox_pending"`);
        await queryRunner.query(`ALTER TABLE "outbox" ADD "lease_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "idx_outbox_unsent" ON "outbox"  ("not_before") WHERE "status" IN ('pending', 'sending')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_outbox_unsent"`);
        await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "lease_until"`);
        await queryRunner.query(`CREATE INDEX "idx_outbox_pending" ON "outbox" USING btree ("not_before") WHERE ((status)::text = 'pending'::text)`);
    }

}
