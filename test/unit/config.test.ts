import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/boot.ts'
import { allowedOrigins, parseEnv, publicUrl } from '../../server/config.ts'
import { redactUrl } from '../../server/logging.ts'

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const config = parseEnv({})
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      MAX_MESSAGE_BYTES: 1_048_576,
      MAX_CLIENTS_PER_BOARD: 500,
      BOARD_CREATE_LIMIT: 60,
      IDLE_UNLOAD_MS: 30_000,
      HEARTBEAT_MS: 30_000,
      MAX_SYNC_MESSAGE_BYTES: 16 * 1024 * 1024,
      BOARD_MAX_NOTES: 5000,
      BOARD_MAX_BYTES: 16 * 1024 * 1024,
    })
    expect(config.DATABASE_URL).toBeUndefined()
  })

  it('fails with one line naming the variable', () => {
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(/^Invalid configuration: PORT .*"abc"/)
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT/)
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/)
    expect(() => parseEnv({ SECRET: 'short' })).toThrow(/SECRET/)
    expect(() => parseEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/)
    expect(() => parseEnv({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/)
    expect(() => parseEnv({ BOARD_MAX_NOTES: '0' })).toThrow(/^Invalid configuration: BOARD_MAX_NOTES/)
    expect(() => parseEnv({ BOARD_MAX_NOTES: 'many' })).toThrow(/BOARD_MAX_NOTES/)
    expect(() => parseEnv({ BOARD_MAX_BYTES: '1000' })).toThrow(/^Invalid configuration: BOARD_MAX_BYTES/)
    expect(parseEnv({ BOARD_MAX_NOTES: '300', BOARD_MAX_BYTES: '1048576' })).toMatchObject({
      BOARD_MAX_NOTES: 300,
      BOARD_MAX_BYTES: 1_048_576,
    })
  })

  it('treats empty variables as unset', () => {
    expect(parseEnv({ PORT: '' }).PORT).toBe(3000)
  })

  it('derives share-link base and allowed origins', () => {
    expect(publicUrl({ HOST: '0.0.0.0' }, 4000)).toBe('http://127.0.0.1:4000')
    expect(publicUrl({ HOST: '127.0.0.1', PUBLIC_URL: 'https://ideas.example.fi/' }, 4000)).toBe(
      'https://ideas.example.fi',
    )
    expect([
      ...allowedOrigins({ PUBLIC_URL: 'https://ideas.example.fi/x', ALLOWED_ORIGINS: 'http://localhost:5173, ' }),
    ]).toEqual(['https://ideas.example.fi', 'http://localhost:5173'])
  })

  it('generates SECRET and HUB_TOKEN once into DATA_DIR and reuses them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kokeileva-config-'))
    try {
      const first = loadConfig({ DATA_DIR: dir })
      expect(first.hubTokenGenerated).toBe(true)
      expect(first.hubTokenSource).toBe(join(dir, 'hub-token'))
      const second = loadConfig({ DATA_DIR: dir })
      expect(second.hubTokenGenerated).toBe(false)
      expect(second.config.SECRET).toBe(first.config.SECRET)
      expect(readFileSync(join(dir, 'hub-token'), 'utf8').trim()).toBe(first.config.HUB_TOKEN)
      expect(loadConfig({ DATA_DIR: dir, SECRET: 'e'.repeat(32) }).config.SECRET).toBe('e'.repeat(32))
      expect(loadConfig({ DATA_DIR: dir, HUB_TOKEN: 'h'.repeat(16) }).hubTokenSource).toBe('HUB_TOKEN')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps tokens out of logged URLs', () => {
    expect(redactUrl('/sync/abc?token=abc.viewer.sig&x=1')).toBe('/sync/abc?token=[redacted]&x=1')
    expect(redactUrl('/sync/abc?token=t&participant=p&draft=secretkey1234567')).toBe(
      '/sync/abc?token=[redacted]&participant=p&draft=[redacted]',
    )
  })
})
