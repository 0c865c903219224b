using Governance.Testing;

namespace Governance.Cli.Tests;

/// <summary>Tests in this collection share one moto_server (see <see cref="MotoServer"/>).</summary>
[CollectionDefinition(Name)]
public sealed class MotoGroup : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
