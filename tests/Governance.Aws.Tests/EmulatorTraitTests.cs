using Governance.Testing;

namespace Governance.Aws.Tests;

public sealed class EmulatorTraitTests
{
    [Fact]
    public void EveryTestClassTakingTheEmulator_ShouldCarryTheEmulatorTrait()
    {
        Assert.Empty(EmulatorTrait.Unmarked(typeof(EmulatorTraitTests).Assembly, typeof(MotoServer)));
    }
}
