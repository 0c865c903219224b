using Governance.Testing;

namespace Governance.Core.Tests;

public class SolutionLayoutTests
{
    [Fact]
    public void CoreAssembly_ShouldReferenceNoAwsOrHostingAssembly()
    {
        var references = typeof(Governance.Core.CoreAssembly).Assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name ?? string.Empty)
            .ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("AWSSDK", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Governance.", StringComparison.Ordinal));
    }

    [SharedFact]
    public void SharedFolder_WhenPresent_ShouldHoldTheSampleEvents()
    {
        Assert.True(Directory.Exists(SharedFolder.Combine("events")));
    }
}
