/** Where a record opens in the app: notices, links and the server's emails all use these. */
export const routes = {
  queue: () => '/queue',
  renewal: (renewalId: string) => `/renewals/${encodeURIComponent(renewalId)}`,
  customer: (customerId: string) => `/customers/${encodeURIComponent(customerId)}`,
  policy: (policyId: string) => `/policies/${encodeURIComponent(policyId)}`,
  instance: (instanceId: string) => `/documents/instances/${encodeURIComponent(instanceId)}`,
  worker: (workerId: string) => `/documents/workers/${encodeURIComponent(workerId)}`,
  template: (templateId: string) => `/documents/templates/${encodeURIComponent(templateId)}`,
  notifications: () => '/notifications',
  tasks: () => '/tasks',
};

/** The renewal a route opens ('/renewals/ren_123'), or null for any other route. */
export function renewalOfRoute(route: string): string | null {
  const prefix = routes.renewal('');
  return route.startsWith(prefix) && route.length > prefix.length
    ? decodeURIComponent(route.slice(prefix.length))
    : null;
}
