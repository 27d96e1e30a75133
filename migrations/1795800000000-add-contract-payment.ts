import { MigrationInterface, QueryRunner } from "typeorm";

export class AddContractPayment1795800000000 implements MigrationInterface {
    name = 'AddContractPayment1795800000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "contract" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "opportunity_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "number" character varying(64) NOT NULL, "amount" numeric(14,2) NOT NULL, "signed_on" date NOT NULL, "approval_ref" character varying(64), "source" character varying(8) NOT NULL, "created_by" uuid NOT NULL, CONSTRAINT "PK_17c3a89f58a2997276084e706e8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_a91d5c2594f20d1a64eab815db" ON "contract"  ("tenant_id", "opportunity_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_cd36855f8a8fc89a5c66eab88d" ON "contract"  ("tenant_id", "number") `);
        await queryRunner.query(`CREATE TABLE "payment" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "contract_id" uuid NOT NULL, "amount" numeric(14,2) NOT NULL, "paid_on" date NOT NULL, "reference" character varying(64) NOT NULL, "source" character varying(8) NOT NULL, "created_by" uuid NOT NULL, CONSTRAINT "PK_fcaec7df5adf9cac408c686b2ab" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_6cad2e49219e06b4f1ca817c18" ON "payment"  ("tenant_id", "contract_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8e442d607d60e5424296a1f890" ON "payment"  ("tenant_id", "reference") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_8e442d607d60e5424296a1f890"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_6cad2e49219e06b4f1ca817c18"`);
        await queryRunner.query(`DROP TABLE "payment"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cd36855f8a8fc89a5c66eab88d"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a91d5c2594f20d1a64eab815db"`);
        await queryRunner.query(`DROP TABLE "contract"`);
    }

}
