using System.Text.Json;
using Governance.Core.Policy;
using Governance.Core.Registry;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Core.Tests.Policy;

/// <summary>
/// config/policy.schema.json and <see cref="PolicyLoader"/> must accept exactly the same documents. Each fixture under
/// Fixtures/documents/invalid breaks one schema constraint; those under valid/ keep all of them.
/// </summary>
public class PolicySchemaAgreementTests
{
    private static readonly string SchemaPath = RepositoryRoot.Combine("config", "policy.schema.json");

    public static TheoryData<string> Fixtures() => new(FixtureNames());

    private static List<string> FixtureNames() =>
    [
        .. new[] { "valid", "invalid" }.SelectMany(folder => Directory
            .GetFiles(PolicyFixtures.Path("documents", folder), "*.json")
            .Select(file => folder + "/" + Path.GetFileName(file))
            .Order(StringComparer.Ordinal)),
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Loader_ShouldAcceptExactlyTheFixturesTheSchemaAccepts(string fixture)
    {
        var accepted = PolicyLoader.TryLoad(File.ReadAllText(PolicyFixtures.Path("documents", fixture)), out _, out var errors);

        Assert.True(accepted == fixture.StartsWith("valid/", StringComparison.Ordinal), string.Join("; ", errors));
    }

    [Fact]
    public void Schema_ShouldNameTheSameRulesModesAndSectionsAsTheLoader()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var root = schema.RootElement;
        var rules = root.GetProperty("properties").GetProperty("rules").GetProperty("properties");
        var sections = rules.GetProperty("requiredMetrics").GetProperty("properties").GetProperty("sections").GetProperty("items").GetProperty("enum");

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal(RuleIds.All, rules.EnumerateObject().Select(rule => rule.Name));
        Assert.Equal(["block", "warn"], root.GetProperty("$defs").GetProperty("mode").GetProperty("enum").EnumerateArray().Select(mode => mode.GetString()));
        Assert.Equal(Enum.GetNames<MetricSection>(), sections.EnumerateArray().Select(section => section.GetString()));
    }

    [Fact]
    public void Schema_ShouldStateTheLoaderLengthLimits()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var definitions = schema.RootElement.GetProperty("$defs");
        var rules = schema.RootElement.GetProperty("properties").GetProperty("rules").GetProperty("properties");

        Assert.Equal(PolicyValidator.MaxKeyLength, definitions.GetProperty("key").GetProperty("maxLength").GetInt32());
        Assert.Equal(PolicyValidator.MaxValueLength, definitions.GetProperty("value").GetProperty("maxLength").GetInt32());
        Assert.Equal(PolicyValidator.MaxBucketLength, ItemMaxLength(rules, "artifactBuckets", "buckets"));
        Assert.Equal(PolicyValidator.MaxRegistryLength, ItemMaxLength(rules, "imageRegistries", "registries"));
        Assert.Equal(PolicyValidator.MaxRepositoryLength, ItemMaxLength(rules, "imageRepositories", "repositories"));
    }

    [PythonJsonSchemaFact]
    public async Task Schema_ValidatedByAnIndependentValidator_ShouldAgreeWithEveryFixtureAndAcceptTheDefaultPolicy()
    {
        const string script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
            for path in sys.argv[2:]:
                with open(path, encoding="utf-8") as handle:
                    print(("valid" if validator.is_valid(json.load(handle)) else "invalid") + " " + path)
            """;
        var fixtures = FixtureNames();
        string[] files = [RepositoryRoot.Combine("config", "policy.json"), .. fixtures.Select(fixture => PolicyFixtures.Path("documents", fixture))];

        var result = await ExternalCommand.RunAsync("python3", ["-c", script, SchemaPath, .. files], timeout: TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 0, result.StandardError);
        var verdicts = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(files.Length, verdicts.Length);
        Assert.StartsWith("valid ", verdicts[0], StringComparison.Ordinal);
        for (var index = 0; index < fixtures.Count; index++)
        {
            var expected = fixtures[index].StartsWith("valid/", StringComparison.Ordinal) ? "valid " : "invalid ";
            Assert.True(verdicts[index + 1].StartsWith(expected, StringComparison.Ordinal), fixtures[index] + " -> " + verdicts[index + 1]);
        }
    }

    private static int ItemMaxLength(JsonElement rules, string rule, string option) =>
        rules.GetProperty(rule).GetProperty("properties").GetProperty(option).GetProperty("items").GetProperty("maxLength").GetInt32();
}
