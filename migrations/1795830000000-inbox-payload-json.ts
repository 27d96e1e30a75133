import { MigrationInterface, QueryRunner } from "typeorm";

// The inbox's payload is written once per callback on the hot path and read once by the worker: json keeps the text
// as sent, where jsonb converted it to its binary form on every insert (5–10 µs of PostgreSQL CPU per callback in
// bench:webhook). Nothing queries into it with jsonb operators or indexes. Rewrites the inbox table once.
export class InboxPayloadJson1795830000000 implements MigrationInterface {
    name = 'InboxPayloadJson1795830000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "inbox" ALTER COLUMN "payload" TYPE json USING "payload"::json`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "inbox" ALTER COLUMN "payload" TYPE jsonb USING "payload"::jsonb`);
    }

}
