using System.Runtime.CompilerServices;

// The load harness seeds large tables with ready-made items instead of one transaction per record.
[assembly: InternalsVisibleTo("Governance.Benchmarks")]

// The anchoring tests forge a consistent chain tail the way a writer with table access could.
[assembly: InternalsVisibleTo("Governance.Cli.Tests")]
