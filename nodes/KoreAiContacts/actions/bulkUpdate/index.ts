export { bulkUpdateDescription as description } from './description';
export { execute } from './execute';
