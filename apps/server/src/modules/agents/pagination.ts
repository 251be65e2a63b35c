// The agents' lists page with the platform's cursor (moved there when the integrations module needed it too).
export { pageQuery, pageRequest } from '../../platform/http/pagination.ts';
