using System.Text.Json;

namespace Governance.Core.Registry;

/// <summary>
/// Reads a model package from a SageMaker description as an approval event carries it (the event detail has
/// DescribeModelPackage's shape, which the SageMaker adapter owns).
/// </summary>
public interface IModelPackageReader
{
    /// <param name="description">The package's description (an approval event's detail).</param>
    /// <param name="tags">Tags that win over any the description carries.</param>
    /// <exception cref="ModelPackageFormatException">The description cannot describe a model package.</exception>
    ModelPackage Read(JsonElement description, IReadOnlyDictionary<string, string> tags);
}
