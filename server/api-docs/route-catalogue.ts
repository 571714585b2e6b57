import type { FastifyInstance, FastifySchema } from 'fastify'

/** One route as registered: what the API description is generated from. */
export interface RegisteredRoute {
  methods: string[]
  /** Fastify's form: /api/boards/:id */
  url: string
  schema: FastifySchema | undefined
  websocket: boolean
}

/**
 * Records every route the app registers, from the moment this is called: call it before any
 * route is registered (buildApp does, first thing), so plugins' routes are seen too.
 */
export function catalogueRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  const routes: RegisteredRoute[] = []
  app.addHook('onRoute', (route) => {
    routes.push({
      methods: [route.method].flat().map(String),
      url: route.url,
      schema: route.schema,
      websocket: (route as { websocket?: boolean }).websocket === true,
    })
  })
  return routes
}
