namespace Governance.ColdStart;

/// <summary>One way of building the bootstrap, and the executable to start.</summary>
public sealed record Build(string Name, string Description, string Executable);
