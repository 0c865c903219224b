using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Core.Ledger;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Core.Tests.Ledger;

/// <summary>
/// A known-answer vector for the chain hash: a fixed record and the SHA-256 of its canonical form
/// (<c>governance-ledger/v1</c>), computed from the documented form by an implementation outside this code base.
/// Any change to the canonical form, even one the verifier would accept, fails here: every stored chain would
/// stop verifying.
/// </summary>
public sealed class ChainHashVectorTests
{
    private static readonly JsonElement Vector = JsonDocument.Parse(
        File.ReadAllText(RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Ledger", "Fixtures", "chain-hash-vector.json"))).RootElement;

    [Fact]
    public void Compute_OfTheVectorRecord_ShouldGiveTheKnownHash()
    {
        var record = Record();

        Assert.Equal(Vector.GetProperty("expectedCanonicalLength").GetInt32(), CanonicalRecord.Serialise(record).Length);
        Assert.Equal(Vector.GetProperty("expectedCanonicalSha256").GetString(), ChainHash.Compute(record));
    }

    [Fact]
    public void Next_AfterTheVectorsPredecessor_ShouldSealTheSameRecordWithTheKnownHash()
    {
        var expected = Record();
        var head = new ChainHead(expected.Subject, expected.Sequence - 1, expected.PreviousHash);
        var draft = new LedgerEventDraft(
            expected.Subject, expected.EventId, expected.Kind, expected.OccurredAt, expected.Actor, expected.Account, expected.ModelPackageGroup, expected.Attributes);

        var next = ChainHash.Next(head, draft, expected.RecordedAt);

        Assert.Equal(Vector.GetProperty("expectedCanonicalSha256").GetString(), next.Hash);
        Assert.Equal(expected.PreviousHash, next.PreviousHash);
        Assert.Equal(expected.Sequence, next.Sequence);
    }

    [Fact]
    public void Compute_WhenAnyFieldOfTheVectorChanges_ShouldGiveAnotherHash()
    {
        var record = Record();
        var known = Vector.GetProperty("expectedCanonicalSha256").GetString();
        LedgerRecord[] changed =
        [
            record with { Sequence = record.Sequence + 1 },
            record with { Account = string.Empty },
            record with { Actor = null },
            record with { OccurredAt = record.OccurredAt.AddTicks(1) },
            record with { Attributes = new Dictionary<string, string>(record.Attributes) { ["Alpha"] = " " } },
            record with { PreviousHash = Convert.ToHexStringLower(SHA256.HashData([1])) },
        ];

        Assert.All(changed, other => Assert.NotEqual(known, ChainHash.Compute(other)));
    }

    private static LedgerRecord Record() => new(
        new NodeRef(Text("subjectType")!, Text("subjectId")!),
        Vector.GetProperty("sequence").GetInt64(),
        Text("eventId")!,
        Text("kind")!,
        DateTimeOffset.Parse(Text("occurredAt")!, CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(Text("recordedAt")!, CultureInfo.InvariantCulture),
        Text("actor"),
        Text("account"),
        Text("modelPackageGroup"),
        Vector.GetProperty("attributes").EnumerateObject().ToDictionary(member => member.Name, member => member.Value.GetString()!),
        Text("previousHash")!,
        string.Empty);

    private static string? Text(string name) => Vector.GetProperty(name).GetString();
}
