/**
 * Facilitation logic shared by the server (which enforces it) and the client (which mirrors
 * it): phases and open zones, the timer on the server's clock, voting, silent mode, follow
 * and spotlight. Pure functions of plain data, plus the facilitator's controls as writes
 * through the board accessors.
 */
export * from './clock.ts'
export * from './timer.ts'
export * from './phases.ts'
export * from './rules.ts'
export * from './voting.ts'
export * from './silent.ts'
export * from './follow.ts'
export * from './controls.ts'
