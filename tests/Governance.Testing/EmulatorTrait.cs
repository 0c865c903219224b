using System.Reflection;
using Xunit;

namespace Governance.Testing;

/// <summary>
/// The trait every test that needs moto_server carries, so a run without the emulator can leave them out:
/// <c>dotnet test --filter "Requires!=emulator"</c>.
/// </summary>
public static class EmulatorTrait
{
    public const string Name = "Requires";
    public const string Value = "emulator";

    /// <summary>
    /// The test classes of <paramref name="assembly"/> that take the emulator (a constructor parameter of one of
    /// <paramref name="fixtures"/>) without carrying the trait.
    /// </summary>
    public static IReadOnlyList<string> Unmarked(Assembly assembly, params Type[] fixtures)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false })
            .Where(type => type.GetMethods().Any(method => method.GetCustomAttributes<FactAttribute>().Any()))
            .Where(type => type.GetConstructors().Any(constructor => constructor.GetParameters().Any(parameter => fixtures.Contains(parameter.ParameterType))))
            .Where(type => !HasTrait(type))
            .Select(type => type.FullName ?? type.Name)
            .Order(StringComparer.Ordinal)];
    }

    private static bool HasTrait(Type type) =>
        type.GetCustomAttributesData().Any(data => data.AttributeType == typeof(TraitAttribute)
            && data.ConstructorArguments is [{ Value: Name }, { Value: Value }]);
}
