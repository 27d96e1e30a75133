import { MigrationInterface, QueryRunner } from "typeorm";

export class AddKnowledgeHeatmap1795810000000 implements MigrationInterface {
    name = 'AddKnowledgeHeatmap1795810000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "heatmap_snapshot" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "week" date NOT NULL, "data" jsonb NOT NULL, CONSTRAINT "PK_d91fe24e9a4c54ef417a63d2ada" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_cc4ad7185fdaa5e0de7d17408e" ON "heatmap_snapshot"  ("tenant_id", "week") `);
        await queryRunner.query(`CREATE TABLE "knowledge_item" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "kind" character varying(16) NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "author_id" uuid NOT NULL, "team_id" uuid NOT NULL, "department" character varying(32), "reviewer_id" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "approver_id" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0adf76cd745cd8ebb59de287e1f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_93fa824b7f6c6b27a62f96d7f1" ON "knowledge_item"  ("tenant_id", "status") `);
        await queryRunner.query(`CREATE INDEX "IDX_b8476fb6c7361c52b279305a7a" ON "knowledge_item"  ("tenant_id", "team_id", "approved_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_b8476fb6c7361c52b279305a7a"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_93fa824b7f6c6b27a62f96d7f1"`);
        await queryRunner.query(`DROP TABLE "knowledge_item"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cc4ad7185fdaa5e0de7d17408e"`);
        await queryRunner.query(`DROP TABLE "heatmap_snapshot"`);
    }

}
