namespace Governance.Core;

/// <summary>Anchor for reflection over the domain assembly (layering checks).</summary>
public static class CoreAssembly;
