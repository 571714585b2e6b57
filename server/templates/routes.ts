import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { TemplateList } from '../../shared/api/templates.ts'
import { TEMPLATES } from '../../shared/templates/index.ts'

export const templateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/templates', { schema: { response: { 200: TemplateList } } }, async () => ({
    items: TEMPLATES.map((template) => ({ ...template, zones: [...template.zones], phases: template.phases.map((phase) => ({ ...phase, openZones: [...phase.openZones] })) })),
  }))
}
