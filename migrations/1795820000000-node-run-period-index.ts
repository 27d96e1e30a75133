import { MigrationInterface, QueryRunner } from "typeorm";

export class NodeRunPeriodIndex1795820000000 implements MigrationInterface {
    name = 'NodeRunPeriodIndex1795820000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "idx_node_run_period" ON "node_run" ("tenant_id", "entered_at", "opportunity_id", "node", "due_at", "done_at", "exit") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_node_run_period"`);
    }

}
