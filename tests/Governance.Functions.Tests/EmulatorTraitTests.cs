using Governance.Testing;

namespace Governance.Functions.Tests;

public sealed class EmulatorTraitTests
{
    [Fact]
    public void EveryTestClassTakingTheEmulator_ShouldCarryTheEmulatorTrait()
    {
        Assert.Empty(EmulatorTrait.Unmarked(typeof(EmulatorTraitTests).Assembly, typeof(MotoServer), typeof(Security.IamMoto)));
    }
}
