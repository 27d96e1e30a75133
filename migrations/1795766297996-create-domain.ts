import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateDomain1795766297996 implements MigrationInterface {
    name = 'CreateDomain1795766297996'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "activity" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "opportunity_id" uuid, "customer_id" uuid, "member_id" uuid, "kind" character varying(32) NOT NULL, "summary" text NOT NULL DEFAULT '', "data" jsonb NOT NULL DEFAULT '{}', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "device_at" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "client_id" character varying(64), CONSTRAINT "PK_24625a1d6b1b089c8ae206fe467" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_5b0e062684a0fdb1812152ef04" ON "activity"  ("tenant_id", "client_id") WHERE "client_id" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_80b5e8d60098a92d86a54049b4" ON "activity"  ("tenant_id", "customer_id", "occurred_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_8b043ec86eb8eb69398be6b3da" ON "activity"  ("tenant_id", "opportunity_id", "occurred_at") `);
        await queryRunner.query(`CREATE TABLE "attachment" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "sha256" character(64) NOT NULL, "mime" character varying(100) NOT NULL, "size" integer NOT NULL, "storage_path" character varying(300) NOT NULL, "source" character varying(32) NOT NULL, CONSTRAINT "PK_d2a80c3a8d467f08a750ac4b420" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3ab00d7f6a8d73c7ffa889c8e0" ON "attachment"  ("tenant_id", "sha256") `);
        await queryRunner.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "tenant_id" uuid NOT NULL, "seq" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" character varying(64) NOT NULL, "entity" character varying(32) NOT NULL, "entity_id" character varying(64) NOT NULL, "action" character varying(32) NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_7951f4d74fde3e7ac5b0a383dd" ON "audit_log"  ("tenant_id", "entity", "entity_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0cd0941bc8822f0fee04dd7816" ON "audit_log"  ("tenant_id", "seq") `);
        await queryRunner.query(`CREATE TABLE "contact" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "customer_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "external_user_id" character varying(64), "role" character varying(64), "follower_ids" jsonb NOT NULL DEFAULT '[]', "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2cbbe00f59ab6b3bb5b8d19f989" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_9b36f7542f3f67bc1734db2c35" ON "contact"  ("tenant_id", "customer_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_95deb3bcc38b4d22af75975995" ON "contact"  ("tenant_id", "external_user_id") WHERE "external_user_id" IS NOT NULL`);
        await queryRunner.query(`CREATE TABLE "customer" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" character varying(200) NOT NULL, "industry" character varying(64), "owner_id" uuid, "lat" double precision, "lng" double precision, "coord_system" character varying(8) NOT NULL DEFAULT 'wgs84', "address" character varying(300), "departments" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_f6a53f7ba9a7029c01e4a7c45b" ON "customer"  ("tenant_id", "owner_id") `);
        await queryRunner.query(`CREATE TABLE "deliverable" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "opportunity_id" uuid NOT NULL, "node_run_id" uuid, "node" character varying(64) NOT NULL, "kind" character varying(32) NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "attachment_id" uuid, "submitted_by" uuid NOT NULL, "arrived_at" TIMESTAMP WITH TIME ZONE NOT NULL, "client_id" character varying(64), CONSTRAINT "PK_fbed21e1ad3464d9fb7729ad51d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f190d08c47afc7b40d08d2bc8c" ON "deliverable"  ("tenant_id", "client_id") WHERE "client_id" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_9d455e9cf0a608100628f71bf4" ON "deliverable"  ("tenant_id", "opportunity_id", "node") `);
        await queryRunner.query(`CREATE TABLE "inbox" ("id" BIGSERIAL NOT NULL, "tenant_id" uuid NOT NULL, "channel" character varying(16) NOT NULL, "dedupe_key" character varying(128) NOT NULL, "event_type" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "raw" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "error_code" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ab7abc299fab4bb4f965549c819" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_inbox_unprocessed" ON "inbox"  ("received_at") WHERE "processed_at" IS NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1ffc25a4357221ce7d204ba415" ON "inbox"  ("tenant_id", "channel", "dedupe_key") `);
        await queryRunner.query(`CREATE TABLE "member" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "platform_user_id" character varying(64) NOT NULL, "name" character varying(100) NOT NULL, "role" character varying(16) NOT NULL DEFAULT 'rep', "manager_id" uuid, "skills" jsonb NOT NULL DEFAULT '[]', "hire_date" date, "department_ids" jsonb NOT NULL DEFAULT '[]', "lang" character varying(8) NOT NULL DEFAULT 'zh', "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_97cbbe986ce9d14ca5894fdc072" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_b8248a30b3d04333c2e85b0ab2" ON "member"  ("tenant_id", "manager_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0157583c6f82b226474a43e832" ON "member"  ("tenant_id", "platform_user_id") `);
        await queryRunner.query(`CREATE TABLE "node_run" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "opportunity_id" uuid NOT NULL, "node" character varying(64) NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "done_at" TIMESTAMP WITH TIME ZONE, "exit" character varying(16), "reminder_level" smallint NOT NULL DEFAULT '0', "next_reminder_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5388b440ce83b117225deb88836" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_node_run_open_reminder" ON "node_run"  ("next_reminder_at") WHERE "done_at" IS NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_befc980c45aa2d7285b376a96d" ON "node_run"  ("tenant_id", "opportunity_id") `);
        await queryRunner.query(`CREATE TABLE "opportunity" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "customer_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "process_id" character varying(64) NOT NULL, "definition_version" character varying(64) NOT NULL, "current_node" character varying(64) NOT NULL, "fields" jsonb NOT NULL DEFAULT '{}', "amount" numeric(14,2), "status" character varying(8) NOT NULL DEFAULT 'open', "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_085fd6d6f4765325e6c16163568" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_c24f1f4fcbbff30bc4f3f618be" ON "opportunity"  ("tenant_id", "customer_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_00dccd49c9d30ca41316fd0092" ON "opportunity"  ("tenant_id", "owner_id", "status") `);
        await queryRunner.query(`CREATE TABLE "outbox" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "idempotency_key" character varying(160) NOT NULL, "channel" character varying(16) NOT NULL, "recipient_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "payload" jsonb NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "platform_msg_id" character varying(128), "error_code" character varying(64), "error_detail" text, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_outbox_pending" ON "outbox"  ("not_before") WHERE "status" = 'pending'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d1683cd74d3249597c891e795c" ON "outbox"  ("tenant_id", "idempotency_key") `);
        await queryRunner.query(`CREATE TABLE "process_version" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "process_id" character varying(64) NOT NULL, "version" character varying(64) NOT NULL, "definition" jsonb NOT NULL, CONSTRAINT "PK_a8f93a509f7fced15596d4df5cc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f805b90405552bb5a0b4205b96" ON "process_version"  ("tenant_id", "process_id", "version") `);
        await queryRunner.query(`CREATE TABLE "task" ("tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "opportunity_id" uuid, "assignee_id" uuid NOT NULL, "kind" character varying(16) NOT NULL DEFAULT 'task', "title" character varying(300) NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "due_at" TIMESTAMP WITH TIME ZONE, "done_at" TIMESTAMP WITH TIME ZONE, "idempotency_key" character varying(120) NOT NULL, CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4593b5f78e5a4cb61813a6fb64" ON "task"  ("tenant_id", "assignee_id", "done_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c301c20ffd810d637434739cf2" ON "task"  ("tenant_id", "idempotency_key") `);
        await queryRunner.query(`CREATE TABLE "tenant" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "slug" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "channel" character varying(16) NOT NULL DEFAULT 'wecom', "corp_id" character varying(64), "agent_id" character varying(32), "credentials" jsonb NOT NULL DEFAULT '{}', "settings" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_abfd243f7bd832e806d19c5a919" UNIQUE ("slug"), CONSTRAINT "PK_da8c6efd67bb301e810e56ac139" PRIMARY KEY ("id"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "tenant"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c301c20ffd810d637434739cf2"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4593b5f78e5a4cb61813a6fb64"`);
        await queryRunner.query(`DROP TABLE "task"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f805b90405552bb5a0b4205b96"`);
        await queryRunner.query(`DROP TABLE "process_version"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_d1683cd74d3249597c891e795c"`);
        await queryRunner.query(`DROP INDEX "public"."idx_outbox_pending"`);
        await queryRunner.query(`DROP TABLE "outbox"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_00dccd49c9d30ca41316fd0092"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c24f1f4fcbbff30bc4f3f618be"`);
        await queryRunner.query(`DROP TABLE "opportunity"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_befc980c45aa2d7285b376a96d"`);
        await queryRunner.query(`DROP INDEX "public"."idx_node_run_open_reminder"`);
        await queryRunner.query(`DROP TABLE "node_run"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_0157583c6f82b226474a43e832"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b8248a30b3d04333c2e85b0ab2"`);
        await queryRunner.query(`DROP TABLE "member"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_1ffc25a4357221ce7d204ba415"`);
        await queryRunner.query(`DROP INDEX "public"."idx_inbox_unprocessed"`);
        await queryRunner.query(`DROP TABLE "inbox"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_9d455e9cf0a608100628f71bf4"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f190d08c47afc7b40d08d2bc8c"`);
        await queryRunner.query(`DROP TABLE "deliverable"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f6a53f7ba9a7029c01e4a7c45b"`);
        await queryRunner.query(`DROP TABLE "customer"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_95deb3bcc38b4d22af75975995"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_9b36f7542f3f67bc1734db2c35"`);
        await queryRunner.query(`DROP TABLE "contact"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_0cd0941bc8822f0fee04dd7816"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7951f4d74fde3e7ac5b0a383dd"`);
        await queryRunner.query(`DROP TABLE "audit_log"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_3ab00d7f6a8d73c7ffa889c8e0"`);
        await queryRunner.query(`DROP TABLE "attachment"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_8b043ec86eb8eb69398be6b3da"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_80b5e8d60098a92d86a54049b4"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_5b0e062684a0fdb1812152ef04"`);
        await queryRunner.query(`DROP TABLE "activity"`);
    }

}
