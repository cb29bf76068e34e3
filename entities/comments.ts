import { belongsTo, defineEntity, f } from 'regis';

export default defineEntity({
  name: 'comments',
  idPrefix: 'cmt',
  label: { singular: 'Comment', plural: 'Comments' },
  fields: {
    taskId: f.ref('tasks', { required: true, onDelete: 'cascade' }),
    body: f.text({ required: true }),
    authorId: f.ref('users'),
  },
  relations: {
    task: belongsTo('tasks', 'taskId'),
    author: belongsTo('users', 'authorId'),
  },
  search: ['body'],
});
