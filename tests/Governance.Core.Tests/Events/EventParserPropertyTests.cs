using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Processing;
using Governance.Core.Routing;
using Governance.Core.Tests.Support;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Core.Tests.Events;

/// <summary>
/// Mutates real samples (drop, null, retype, huge strings, unicode, deep nesting, truncation, random bytes,
/// duplicate keys, unpaired surrogates, swapped envelope forms) and checks that parsing and routing never throw
/// and always yield a parsed event or a rejection with a reason. About 1,000 mutations per sample set;
/// GOVERNANCE_TEST_FULL=1 runs 10,000.
/// </summary>
public class EventParserPropertyTests
{
    private static readonly EventRouter Router = new("123456789012");

    private static int Runs => Environment.GetEnvironmentVariable("GOVERNANCE_TEST_FULL") == "1" ? 10_000 : 1_000;

    public static TheoryData<string> SampleFolders()
    {
        var data = new TheoryData<string>();
        if (SharedFolder.Path is null)
        {
            data.Add("(shared folder absent)");
            return data;
        }

        foreach (var folder in Directory.EnumerateDirectories(SharedFolder.Combine("events")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [SharedTheory]
    [MemberData(nameof(SampleFolders))]
    public void Parse_WhenSharedSamplesAreMutated_ShouldNeverThrowAndAlwaysDecide(string folder)
    {
        // Invalid samples are mutated too: starting from broken JSON reaches other paths.
        var samples = Directory.EnumerateFiles(SharedFolder.Combine("events", folder))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();

        CheckMutations(samples, folder);
    }

    [Fact]
    public void Parse_WhenFixtureEventsAreMutated_ShouldNeverThrowAndAlwaysDecide()
    {
        var samples = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Events"))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();

        CheckMutations(samples, "fixtures");
    }

    [Fact]
    public void Parse_WhenInputIsRandomBytes_ShouldNeverThrowAndAlwaysDecide()
    {
        var bytes = Gen.ArrayOf(Gen.Choose(0, 255).Select(value => (byte)value));

        Check.One(Config(), Prop.ForAll(bytes.ToArbitrary(), input => Decides(input, new int[2])));
    }

    [Fact]
    public void Parse_WhenPayloadIsSixMegabytes_ShouldDecideWithinTheLambdaLimit()
    {
        var node = EventFixtures.Node("cloudtrail-record-create-endpoint.json");
        node["requestParameters"]!["blob"] = new string('x', 6 * 1024 * 1024);
        var bytes = System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());

        var parsed = EventFixtures.Parsed(EventParser.Parse(bytes));

        Assert.Equal(HandlerNames.AuditTrail, Router.Route(parsed).Handler);
    }

    private static void CheckMutations(byte[][] samples, string name)
    {
        var mutations =
            from sample in Gen.Choose(0, samples.Length - 1)
            from kind in Gen.Elements(Enum.GetValues<MutationKind>())
            from target in Gen.Choose(0, int.MaxValue - 1)
            from seed in Gen.Choose(0, int.MaxValue - 1)
            from repeat in Gen.Frequency((4, Gen.Constant(1)), (1, Gen.Choose(2, 4)))
            select new Mutation(sample, kind, target, seed, repeat);

        var outcomes = new int[2];
        Check.One(
            Config().WithName(name),
            Prop.ForAll(mutations.ToArbitrary(), mutation => Decides(EventMutator.Apply(samples[mutation.Sample], mutation), outcomes)));

        // The mutations must reach both outcomes, or they are not exercising the parser.
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"parsed {outcomes[0]}, rejected {outcomes[1]}");
    }

    private static FsCheck.Config Config() => FsCheck.Config.QuickThrowOnFailure.WithMaxTest(Runs).WithQuietOnSuccess(true);

    private static bool Decides(byte[] input, int[] outcomes)
    {
        switch (EventParser.Parse(input))
        {
            case RejectedEvent rejected:
                outcomes[1]++;
                return !string.IsNullOrWhiteSpace(rejected.Reason)
                    && Serializes(ProcessingResults.Rejected(rejected));
            case ParsedEvent parsed:
                outcomes[0]++;
                var decision = Router.Route(parsed);
                return !string.IsNullOrWhiteSpace(decision.Reason)
                    && (decision.Handler is null || HandlerNames.All.Contains(decision.Handler))
                    && !string.IsNullOrWhiteSpace(parsed.Envelope.Source)
                    && !string.IsNullOrWhiteSpace(parsed.Envelope.DetailType)
                    && (parsed.Kind == EventKind.Unrecognised) == parsed.Detail is UnrecognisedDetail
                    && Serializes(decision.IsIgnored
                        ? ProcessingResults.Ignored(parsed, decision)
                        : ProcessingResults.Processed(parsed, decision.Handler!, new Governance.Core.Effects.HandledEvent(decision.Reason, [], [])));
            default:
                return false;
        }
    }

    private static bool Serializes(ProcessingResult result) =>
        JsonSerializer.Serialize(result, ProcessingJsonContext.Default.ProcessingResult).Length > 0;
}
