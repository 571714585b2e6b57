import type pg from 'pg'
import type { TemplateRecord, TemplateStore } from '../types.ts'
import { withoutNul } from './nul.ts'

interface TemplateRow {
  id: string
  definition: unknown
  source_board_id: string
  created_at: string
}

function fromRow(row: TemplateRow): TemplateRecord {
  return {
    id: row.id,
    definition: row.definition,
    sourceBoardId: row.source_board_id,
    createdAt: Number(row.created_at),
  }
}

/** Custom templates in PostgreSQL, the definition as JSONB (parsed by the driver on read). */
export class PostgresTemplateStore implements TemplateStore {
  readonly #pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  async createTemplate(record: TemplateRecord): Promise<void> {
    await this.#pool.query(
      'INSERT INTO custom_templates (id, definition, source_board_id, created_at) VALUES ($1, $2, $3, $4)',
      [record.id, JSON.stringify(withoutNul(record.definition)), record.sourceBoardId, record.createdAt],
    )
  }

  async getTemplate(id: string): Promise<TemplateRecord | null> {
    const { rows } = await this.#pool.query<TemplateRow>(
      'SELECT id, definition, source_board_id, created_at FROM custom_templates WHERE id = $1',
      [id],
    )
    return rows[0] ? fromRow(rows[0]) : null
  }

  async listTemplates(): Promise<TemplateRecord[]> {
    const { rows } = await this.#pool.query<TemplateRow>(
      // Byte order for ties, as SQLite sorts, whatever the database's collation.
      'SELECT id, definition, source_board_id, created_at FROM custom_templates ORDER BY created_at DESC, id COLLATE "C"',
    )
    return rows.map(fromRow)
  }

  async countTemplates(): Promise<number> {
    const { rows } = await this.#pool.query<{ count: string }>('SELECT count(*) AS count FROM custom_templates')
    return Number(rows[0]?.count ?? 0)
  }

  async deleteTemplate(id: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query('DELETE FROM custom_templates WHERE id = $1', [id])
    return (rowCount ?? 0) > 0
  }
}
