using Governance.Local.Lambda;

namespace Governance.Core.Tests.Policy;

internal static class PolicyFixtures
{
    /// <summary>A fixture file, read in place from the checkout (the project copies only its top-level Fixtures folder).</summary>
    public static string Path(params string[] parts) =>
        RepositoryRoot.Combine(["tests", "Governance.Core.Tests", "Policy", "Fixtures", .. parts]);
}
