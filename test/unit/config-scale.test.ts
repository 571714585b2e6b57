import { describe, expect, it } from 'vitest'
import { ConfigError, parseEnv, trustProxy } from '../../server/config.ts'

describe('scale-out configuration', () => {
  it('has defaults for the pool, the key prefix and the stream length', () => {
    const config = parseEnv({})
    expect(config).toMatchObject({ PG_POOL_MAX: 10, REDIS_KEY_PREFIX: 'kokeileva:', REDIS_STREAM_MAXLEN: 2000 })
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.REDIS_URL).toBeUndefined()
  })

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/)
    expect(() => parseEnv({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/)
    expect(() => parseEnv({ REDIS_KEY_PREFIX: 'has space' })).toThrow(ConfigError)
    expect(() => parseEnv({ REDIS_STREAM_MAXLEN: '5' })).toThrow(/REDIS_STREAM_MAXLEN/)
    expect(() => parseEnv({ PG_POOL_MAX: '0' })).toThrow(/PG_POOL_MAX/)
  })

  it('reads TRUST_PROXY as off, on, a hop count or addresses', () => {
    expect(trustProxy({})).toBe(false)
    expect(trustProxy({ TRUST_PROXY: 'false' })).toBe(false)
    expect(trustProxy({ TRUST_PROXY: 'true' })).toBe(true)
    expect(trustProxy({ TRUST_PROXY: '10.0.0.5,10.0.0.6' })).toBe('10.0.0.5,10.0.0.6')
    const hops = trustProxy({ TRUST_PROXY: '2' })
    if (typeof hops !== 'function') throw new Error('a hop count becomes a function')
    expect([hops('a', 0), hops('b', 1), hops('c', 2)]).toEqual([true, true, false])
  })
})
