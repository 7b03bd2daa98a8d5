/** Tabs between the policies list and the auto-renewal plans. */
export function PoliciesTabs({ current }: { current: '/policies' | '/policies/plans' }) {
  const tabs = [
    { route: '/policies', label: 'All policies' },
    { route: '/policies/plans', label: 'Auto-renewal plans' },
  ] as const;
  return (
    <nav className="tabs" aria-label="Policies sections">
      {tabs.map((tab) => (
        <a
          key={tab.route}
          href={`#${tab.route}`}
          aria-current={tab.route === current ? 'page' : undefined}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
