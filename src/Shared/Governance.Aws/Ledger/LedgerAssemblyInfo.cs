using System.Runtime.CompilerServices;

// The load harness seeds large tables with ready-made items instead of one transaction per record.
[assembly: InternalsVisibleTo("Governance.Benchmarks")]
