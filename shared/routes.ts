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
};
