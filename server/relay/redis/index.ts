export { RedisRelay, type RedisRelayOptions, type RedisRelayStats, type ResyncReason } from './relay.ts'
