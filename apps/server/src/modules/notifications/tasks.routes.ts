/** /api/v1/tasks: tasks for the roles you hold at each site, or assigned to you; complete or dismiss them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZTask, ZTaskList, ZTaskListQuery } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './tasks.service.ts';

export async function taskRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: { auth: 'permission', permission: 'task.read' } } as const;
  const tags = ['Tasks'];

  r.get('/api/v1/tasks', {
    config,
    schema: { tags, summary: 'Tasks for the roles you hold at each of your sites, or assigned to you (open: oldest first)', querystring: ZTaskListQuery, response: { 200: ZTaskList } },
  }, async (req) => service.listTasks(app.deps, requireActor(req), req.query));

  r.post('/api/v1/tasks/:id/complete', {
    config,
    schema: { tags, summary: 'Mark a task done', params: z.object({ id: z.uuid() }), response: { 200: ZTask } },
  }, async (req) => service.finishTask(app.deps, requireActor(req), auditContext(req), req.params.id, 'done'));

  r.post('/api/v1/tasks/:id/dismiss', {
    config,
    schema: { tags, summary: 'Dismiss a task (no action needed)', params: z.object({ id: z.uuid() }), response: { 200: ZTask } },
  }, async (req) => service.finishTask(app.deps, requireActor(req), auditContext(req), req.params.id, 'dismissed'));
}
