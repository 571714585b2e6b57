import type { WorkloadConfig } from './workload.ts'
import { createBoard, type ServerUnderTest } from './servers.ts'

/** The two workloads of issue 2: many small boards, and one crowded board. */
export interface WorkloadSpec {
  id: 'a' | 'b'
  title: string
  boards: number
  clientsPerBoard: number
  /** Full WebsocketProvider replicas per board; the rest are ProbeClients (see probe-client.ts). */
  providersPerBoard: number
  rateHz: number
}

export const WORKLOADS: readonly WorkloadSpec[] = [
  { id: 'a', title: '20 boards × 10 clients, 2 Hz', boards: 20, clientsPerBoard: 10, providersPerBoard: 10, rateHz: 2 },
  { id: 'b', title: '1 board × 200 clients, 2 Hz', boards: 1, clientsPerBoard: 200, providersPerBoard: 10, rateHz: 2 },
]

export interface Timing {
  warmupMs: number
  measureMs: number
  drainTimeoutMs: number
}

/** Boards for a workload on one server: created through the API (Kokeileva) or just named (reference). */
export async function prepareBoards(server: ServerUnderTest, spec: WorkloadSpec): Promise<WorkloadConfig['boards']> {
  const boards: WorkloadConfig['boards'] = []
  for (let i = 0; i < spec.boards; i++) {
    if (server.kind === 'kokeileva') {
      const board = await createBoard(server.httpUrl, `Benchmark ${spec.id} ${i + 1}`)
      boards.push({ room: board.room, token: board.token })
    } else {
      // The peers serve any room (document) name and need no token.
      boards.push({ room: `bench-${spec.id}-${i + 1}-${Date.now().toString(36)}` })
    }
  }
  return boards
}

export function workloadConfig(
  spec: WorkloadSpec,
  servers: string[],
  boards: WorkloadConfig['boards'],
  timing: Timing,
  protocol: WorkloadConfig['protocol'] = 'y-websocket',
): WorkloadConfig {
  return {
    name: spec.id,
    servers,
    protocol,
    boards,
    clientsPerBoard: spec.clientsPerBoard,
    providersPerBoard: spec.providersPerBoard,
    rateHz: spec.rateHz,
    warmupMs: timing.warmupMs,
    measureMs: timing.measureMs,
    drainTimeoutMs: timing.drainTimeoutMs,
    connectConcurrency: 25,
  }
}
