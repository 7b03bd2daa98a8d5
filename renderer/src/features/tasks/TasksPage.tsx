import { useMemo, useState } from 'react';
import { describeDaysUntilDue } from '../../../../shared/renewals/queue';
import { sortTasks } from '../../../../shared/renewals/tasks';
import { routes } from '../../../../shared/routes';
import { daysUntilDue } from '../../../../shared/time';
import { useUi } from '../../store/ui-store';
import { ReassignForm } from '../renewals/ReassignForm';
import { useAct, useObservable, useServices, useToday } from '../shared/services';
import { useDirectory } from '../shared/use-directory';
import './tasks.css';

/**
 * Open tasks across customers and workers, the most urgent first: what to work on today. Once
 * this device knows who uses it, it opens on that person's tasks.
 */
export function TasksPage() {
  const { data, jobs } = useServices();
  const act = useAct();
  const toast = useUi((s) => s.toast);
  const me = useUi((s) => s.me);
  const today = useToday();
  const directory = useDirectory();
  const tasks = useObservable(() => data.tasks.watchOpen(), [data]);
  const [chosen, setChosen] = useState<string | null>(null);
  const assignee = chosen ?? (me ? 'mine' : 'all');
  const shown = useMemo(() => {
    const wanted = assignee === 'mine' ? me : assignee === 'all' ? null : assignee;
    return sortTasks((tasks ?? []).filter((t) => wanted === null || t.assigneeId === wanted));
  }, [tasks, assignee, me]);

  return (
    <section className="page" aria-labelledby="tasks-title">
      <header className="page-header">
        <div>
          <h1 id="tasks-title">Tasks</h1>
          <p className="subtle">
            Open tasks across customers and workers: urgent first, then by due date.
          </p>
        </div>
        <label className="tasks-filter">
          <span>Assignee</span>
          <select value={assignee} onChange={(e) => setChosen(e.target.value)}>
            {me && <option value="mine">Mine ({directory.staffName(me)})</option>}
            <option value="all">Everyone</option>
            {directory.office.staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </header>
      {!me && (
        <p className="card notice">
          <span>Tell NoLapse who uses this device, and this list opens on your own tasks.</span>
          <a className="button button-small" href="#/settings">
            Choose in Settings
          </a>
        </p>
      )}
      <div className="card">
        {!tasks || !today ? (
          <p className="empty">Loading tasks…</p>
        ) : shown.length === 0 ? (
          <p className="empty">
            {tasks.length === 0
              ? 'No open tasks. Tasks appear at 14 days (HIGH) and 7 days (URGENT) before a renewal is due.'
              : 'Nobody here has open tasks. Choose Everyone to see the rest.'}
          </p>
        ) : (
          <ul className="list task-list" aria-label="Open tasks">
            {shown.map((task) => {
              const days = daysUntilDue(task.dueDate, today);
              return (
                <li key={task.id} className="task-row">
                  <span className={`priority priority-${task.priority.toLowerCase()}`}>
                    {task.priority}
                  </span>
                  <div className="task-main">
                    <a href={`#${routes.renewal(task.renewalId)}`}>{task.title}</a>
                    <span className="subtle">
                      {directory.customerName(task.customerId)} · {describeDaysUntilDue(days)} ·{' '}
                      {directory.staffName(task.assigneeId)}
                    </span>
                  </div>
                  <div className="actions">
                    <button
                      type="button"
                      className="button button-small button-primary"
                      aria-label={`Mark done: ${task.title}`}
                      onClick={() =>
                        void act(
                          () => jobs.tasks.completeTask(task.id),
                          () => `Done: ${task.title}.`,
                        )
                      }
                    >
                      Done
                    </button>
                    <ReassignForm
                      what={task.title}
                      current={task.assigneeId}
                      staff={directory.office.staff}
                      onReassign={(input) => jobs.tasks.reassignTask(task.id, input)}
                      onDone={(saved) =>
                        toast('info', `Now with ${directory.staffName(saved.assigneeId)}.`)
                      }
                    />
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
