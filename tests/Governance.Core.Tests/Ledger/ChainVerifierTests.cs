using FsCheck;
using FsCheck.Fluent;
using Governance.Core.Ledger;

namespace Governance.Core.Tests.Ledger;

public sealed class ChainVerifierTests
{
    private static readonly NodeRef Subject = new(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1");
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Verify_ChainBuiltByNext_ShouldFindNothing()
    {
        Assert.Empty(ChainVerifier.Verify(Chain(6)));
    }

    [Fact]
    public void Verify_WhenAFieldChanged_ShouldReportTheRecordAltered()
    {
        var chain = Chain(4);
        var records = chain.Records.ToList();
        records[2] = records[2] with { Actor = "arn:aws:iam::123456789012:user/mallory" };

        var finding = Assert.Single(ChainVerifier.Verify(chain with { Records = records }));

        Assert.Equal((ChainFindingKind.Altered, 3L), (finding.Kind, finding.Sequence));
    }

    [Fact]
    public void Verify_WhenARecordIsRewrittenWithAFreshHash_ShouldReportTheBrokenLinkAfterIt()
    {
        var chain = Chain(4);
        var records = chain.Records.ToList();
        var forged = records[1] with { Kind = "audit.forged" };
        records[1] = forged with { Hash = ChainHash.Compute(forged) };

        var findings = ChainVerifier.Verify(chain with { Records = records });

        Assert.Contains(findings, finding => finding is { Kind: ChainFindingKind.BrokenLink, Sequence: 3 });
    }

    [Fact]
    public void Verify_WhenTheLastRecordIsDeleted_ShouldReportItMissingThroughTheHead()
    {
        var chain = Chain(4);

        var findings = ChainVerifier.Verify(chain with { Records = chain.Records.Take(3).ToList() });

        Assert.Contains(findings, finding => finding is { Kind: ChainFindingKind.Missing, Sequence: 4 });
        Assert.Contains(findings, finding => finding.Kind == ChainFindingKind.HeadMismatch);
    }

    [Fact]
    public void Verify_WhenTwoRecordsAreSwapped_ShouldReportThemReordered()
    {
        var chain = Chain(5);
        var records = chain.Records.ToList();
        (records[1], records[3]) = (records[3], records[1]);

        var findings = ChainVerifier.Verify(chain with { Records = records });

        Assert.Contains(findings, finding => finding is { Kind: ChainFindingKind.Reordered });
        Assert.DoesNotContain(findings, finding => finding.Kind == ChainFindingKind.Altered);
    }

    [Fact]
    public void Verify_WhenARecordIsDuplicated_ShouldReportTheDuplicate()
    {
        var chain = Chain(3);

        var findings = ChainVerifier.Verify(chain with { Records = [.. chain.Records, chain.Records[1]] });

        Assert.Contains(findings, finding => finding is { Kind: ChainFindingKind.Duplicated, Sequence: 2 });
    }

    [Fact]
    public void Verify_WhenTheHeadIsMissing_ShouldReportIt()
    {
        var findings = ChainVerifier.Verify(Chain(2) with { Head = null });

        Assert.Equal(ChainFindingKind.HeadMismatch, Assert.Single(findings).Kind);
    }

    [Fact]
    public void AnySingleFieldChange_ShouldBeDetected()
    {
        var mutations = new Func<LedgerRecord, string, LedgerRecord>[]
        {
            (record, text) => record with { EventId = record.EventId + text },
            (record, text) => record with { Kind = record.Kind + text },
            (record, text) => record with { Actor = text },
            (record, text) => record with { Account = record.Account + text },
            (record, text) => record with { ModelPackageGroup = text },
            (record, text) => record with { Attributes = new Dictionary<string, string>(record.Attributes) { ["k" + text] = text } },
            (record, _) => record with { OccurredAt = record.OccurredAt.AddTicks(1) },
            (record, _) => record with { Sequence = record.Sequence + 1 },
        };

        Prop.ForAll(
            Gen.Choose(0, mutations.Length - 1).ToArbitrary(),
            Gen.Choose(0, 4).ToArbitrary(),
            ArbMap.Default.ArbFor<NonEmptyString>(),
            (mutation, index, text) =>
            {
                var chain = Chain(5);
                var records = chain.Records.ToList();
                records[index] = mutations[mutation](records[index], text.Get);
                return ChainVerifier.Verify(chain with { Records = records }).Count > 0;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Hash_ShouldNotDependOnAttributeInsertionOrderOrOffset()
    {
        var draft = Draft(1) with { Attributes = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } };
        var reordered = draft with
        {
            Attributes = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
            OccurredAt = draft.OccurredAt.ToOffset(TimeSpan.FromHours(2)),
        };

        Assert.Equal(ChainHash.Next(null, draft, Start).Hash, ChainHash.Next(null, reordered, Start).Hash);
    }

    [Fact]
    public void Canonical_ShouldDistinguishAbsentFromEmptyAndShiftedBoundaries()
    {
        var record = ChainHash.Next(null, Draft(1), Start);

        Assert.NotEqual(ChainHash.Compute(record with { Actor = null }), ChainHash.Compute(record with { Actor = string.Empty }));
        Assert.NotEqual(
            ChainHash.Compute(record with { EventId = "ab", Kind = "c" }),
            ChainHash.Compute(record with { EventId = "a", Kind = "bc" }));
    }

    [Fact]
    public void NodeRef_ShouldRoundTripIdsWithColonsAndRefuseBadTypes()
    {
        var node = NodeRef.Parse("Endpoint:arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn");

        Assert.Equal("Endpoint", node.Type);
        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn", node.Id);
        Assert.Equal(node, NodeRef.Parse(node.ToString()));
        Assert.Throws<ArgumentException>(() => new NodeRef("End#point", "x"));
        Assert.Throws<FormatException>(() => NodeRef.Parse("no-colon"));
    }

    private static LedgerEventDraft Draft(int i) => new(
        Subject, $"event-{i}", "audit.test", Start.AddMinutes(i), "arn:aws:iam::123456789012:role/ci", "123456789012", null,
        new Dictionary<string, string> { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static StoredChain Chain(int length)
    {
        var records = new List<LedgerRecord>();
        ChainHead? head = null;
        for (var i = 1; i <= length; i++)
        {
            var record = ChainHash.Next(head, Draft(i), Start.AddSeconds(i));
            records.Add(record);
            head = new ChainHead(Subject, record.Sequence, record.Hash);
        }

        return new StoredChain(Subject, head, records);
    }
}
