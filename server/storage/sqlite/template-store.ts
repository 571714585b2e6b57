import type { SqliteDatabase } from './database.ts'
import type { TemplateRecord, TemplateStore } from '../types.ts'

interface TemplateRow {
  id: string
  definition: string
  source_board_id: string
  created_at: number
}

function fromRow(row: TemplateRow): TemplateRecord {
  return {
    id: row.id,
    definition: JSON.parse(row.definition) as unknown,
    sourceBoardId: row.source_board_id,
    createdAt: row.created_at,
  }
}

/** Custom templates in SQLite, the definition as JSON text. */
export class SqliteTemplateStore implements TemplateStore {
  readonly #statements

  constructor(db: SqliteDatabase) {
    this.#statements = {
      insert: db.prepare(
        'INSERT INTO custom_templates (id, definition, source_board_id, created_at) VALUES (?, ?, ?, ?)',
      ),
      get: db.prepare('SELECT id, definition, source_board_id, created_at FROM custom_templates WHERE id = ?'),
      list: db.prepare(
        'SELECT id, definition, source_board_id, created_at FROM custom_templates ORDER BY created_at DESC, id',
      ),
      count: db.prepare('SELECT COUNT(*) FROM custom_templates').pluck(),
      delete: db.prepare('DELETE FROM custom_templates WHERE id = ?'),
    }
  }

  async createTemplate(record: TemplateRecord): Promise<void> {
    this.#statements.insert.run(record.id, JSON.stringify(record.definition), record.sourceBoardId, record.createdAt)
  }

  async getTemplate(id: string): Promise<TemplateRecord | null> {
    const row = this.#statements.get.get(id) as TemplateRow | undefined
    return row ? fromRow(row) : null
  }

  async listTemplates(): Promise<TemplateRecord[]> {
    return (this.#statements.list.all() as TemplateRow[]).map(fromRow)
  }

  async countTemplates(): Promise<number> {
    return this.#statements.count.get() as number
  }

  async deleteTemplate(id: string): Promise<boolean> {
    return this.#statements.delete.run(id).changes > 0
  }
}
