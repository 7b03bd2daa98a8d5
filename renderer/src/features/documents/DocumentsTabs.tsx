const TABS = [
  { route: '/documents', label: 'Workers' },
  { route: '/documents/templates', label: 'Templates' },
  { route: '/documents/assign', label: 'Assign' },
  { route: '/documents/compliance', label: 'Compliance' },
  { route: '/documents/digest', label: 'Weekly digest' },
];

/** The documents area's sections. */
export function DocumentsTabs({ current }: { current: string }) {
  return (
    <nav className="tabs" aria-label="Documents">
      {TABS.map((tab) => (
        <a
          key={tab.route}
          href={`#${tab.route}`}
          aria-current={current === tab.route ? 'page' : undefined}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
