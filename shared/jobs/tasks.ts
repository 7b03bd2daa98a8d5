import { ok, refused, type Result } from '../result.js';
import {
  canCompleteTask,
  checkReassignment,
  planTaskReassignment,
  type ReassignField,
} from '../renewals/tasks.js';
import type { Task } from '../schema/task.js';
import type { Instant } from '../time/index.js';
import { changedMessage, contextAt, goneMessage } from './context.js';
import type { JobPorts } from './ports.js';
import { applyPlan, insert, update } from './plan.js';

/** What people do with tasks: mark one done, or hand it to someone else with a note. */
export function taskOperations(ports: JobPorts) {
  const { store } = ports;
  return {
    async completeTask(at: Instant, taskId: string): Promise<Result<Task>> {
      const task = await store.get('tasks', taskId);
      if (!task) return refused(goneMessage('task', taskId));
      const blocker = canCompleteTask(task);
      if (blocker) return refused(blocker);
      const done: Task = { ...task, status: 'DONE', updatedAt: at };
      const { conflicts } = await store.update('tasks', [{ before: task, after: done }]);
      return conflicts.length === 0
        ? ok(done)
        : refused(changedMessage('task', 'edited meanwhile'));
    },

    async reassignTask(
      at: Instant,
      taskId: string,
      input: { assigneeId: string; note: string },
    ): Promise<Result<Task, ReassignField>> {
      const ctx = await contextAt(ports, at);
      const task = await store.get('tasks', taskId);
      if (!task) return refused(goneMessage('task', taskId));
      if (task.status !== 'OPEN') return refused('This task is already done.');
      const checked = checkReassignment(task.assigneeId, input, ctx.office.staff);
      if (!checked.ok) return checked;
      const plan = planTaskReassignment(task, checked.value, {
        staff: ctx.office.staff,
        today: ctx.today,
        at,
      });
      const applied = await applyPlan(
        ports,
        { writes: [update('tasks', task, plan.task), insert('events', plan.event)], notices: [] },
        { at, journal: `Reassign task ${taskId}` },
      );
      return applied.ok ? ok(plan.task) : refused(changedMessage('task', 'edited meanwhile'));
    },
  };
}
