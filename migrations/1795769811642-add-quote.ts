import { MigrationInterface, QueryRunner } from "typeorm";

export class AddQuote1795769811642 implements MigrationInterface {
    name = 'AddQuote1795769811642'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "quote" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "opportunity_id" uuid NOT NULL, "attachment_id" uuid NOT NULL, "created_by" uuid NOT NULL, "client_id" character varying(64) NOT NULL, "status" character varying(24) NOT NULL DEFAULT 'queued', "ocr" jsonb NOT NULL DEFAULT '{}', "confidence" jsonb NOT NULL DEFAULT '{}', "flags" jsonb NOT NULL DEFAULT '[]', "confirmed" jsonb, "error_code" character varying(64), "deliverable_id" uuid, "confirmed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b772d4cb09e587c8c72a78d2439" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2df69f8457289353f29cc3f93b" ON "quote"  ("tenant_id", "client_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_7d6805e2aae655b9a427a5d8bd" ON "quote"  ("tenant_id", "opportunity_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_7d6805e2aae655b9a427a5d8bd"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_2df69f8457289353f29cc3f93b"`);
        await queryRunner.query(`DROP TABLE "quote"`);
    }

}
