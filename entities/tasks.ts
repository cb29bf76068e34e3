import { belongsTo, defineEntity, f, hasMany } from 'regis';

export default defineEntity({
  name: 'tasks',
  idPrefix: 'tsk',
  label: { singular: 'Task', plural: 'Tasks' },
  fields: {
    title: f.string({ required: true, max: 200 }),
    description: f.text(),
    status: f.enum(['todo', 'in_progress', 'completed'], { default: 'todo', indexed: true }),
    priority: f.enum(['low', 'medium', 'high'], { default: 'medium', indexed: true }),
    assigneeId: f.ref('users'),
    dueDate: f.date(),
  },
  relations: {
    assignee: belongsTo('users', 'assigneeId'),
    comments: hasMany('comments', 'taskId'),
  },
  search: ['title', 'description'],
});
