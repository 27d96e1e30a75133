import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * History nobody can quietly edit: the database itself refuses UPDATE, DELETE and TRUNCATE on audit_log.
 * Disabling the trigger needs the table owner; audit:verify then still detects the edit through the hash chain.
 */
export class ProtectAuditLog1795766400000 implements MigrationInterface {
  name = 'ProtectAuditLog1795766400000'

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused (审计日志只能追加)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`)
    await q.query(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`)
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`)
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER audit_log_no_truncate ON audit_log')
    await q.query('DROP TRIGGER audit_log_no_update_delete ON audit_log')
    await q.query('DROP FUNCTION audit_log_refuse_change()')
  }
}
