using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Governance.Core.Notifications;
using Governance.Core.Policy;
using Governance.Core.Tests.Policy;
using Governance.Local.Lambda;
using Governance.Testing;
using Governance.Core.Presentation.Notifications;
using Governance.Testing.Registry;

namespace Governance.Core.Tests.Notifications;

public class NotificationComposerTests
{
    private static readonly NotificationComposer Composer = new();

    private static JsonObject Structure(NotificationMessage message) => JsonNode.Parse(message.Message)!.AsObject();

    private static JsonObject Body(NotificationMessage message) => JsonNode.Parse(Structure(message)["sqs"]!.GetValue<string>())!.AsObject();

    public static TheoryData<string> EventTypes() => new(Enum.GetValues<NotificationEventType>().Select(type => type.WireName()));

    /// <summary>
    /// Golden messages under Notifications/Fixtures, one per event type, in a readable form (bodies parsed).
    /// Set GOVERNANCE_UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
    /// </summary>
    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Compose_EachEventType_ShouldMatchItsGoldenMessage(string eventType)
    {
        var notification = NotificationSamples.All().Single(pair => pair.Key.WireName() == eventType).Value;
        var message = Composer.Compose(notification);
        var view = GoldenView(message);
        var path = RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Notifications", "Fixtures", eventType + ".json");

        if (Environment.GetEnvironmentVariable("GOVERNANCE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, view.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        var golden = JsonNode.Parse(File.ReadAllText(path));
        Assert.True(JsonNode.DeepEquals(golden, view), "Message differs from " + path + ":\n" + view.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Compose_EachEventType_ShouldCarryFilterAttributesAndOneJsonBodyForMachines(string eventType)
    {
        var notification = NotificationSamples.All().Single(pair => pair.Key.WireName() == eventType).Value;

        var message = Composer.Compose(notification);

        Assert.Equal("json", message.MessageStructure);
        Assert.Equal(["eventType", "severity", "team", "modelPackageGroup", "sourceAccount", "notificationId"], message.MessageAttributes.Keys);
        Assert.All(message.MessageAttributes.Values, attribute =>
        {
            Assert.Equal("String", attribute.DataType);
            Assert.False(string.IsNullOrWhiteSpace(attribute.StringValue));
        });
        Assert.Equal(eventType, message.MessageAttributes["eventType"].StringValue);
        var structure = Structure(message);
        Assert.Equal(["default", "email", "sqs", "lambda", "https"], structure.Select(member => member.Key));
        Assert.All(structure, member => Assert.Equal(JsonValueKind.String, member.Value!.GetValueKind()));
        var json = structure["sqs"]!.GetValue<string>();
        Assert.Equal(json, structure["lambda"]!.GetValue<string>());
        Assert.Equal(json, structure["https"]!.GetValue<string>());
        Assert.Equal(json, structure["default"]!.GetValue<string>());
        var body = Body(message);
        Assert.Equal("1.0", body["schemaVersion"]!.GetValue<string>());
        Assert.Equal(eventType, body["eventType"]!.GetValue<string>());
        Assert.Equal(message.MessageAttributes["severity"].StringValue, body["severity"]!.GetValue<string>());
        Assert.Equal(message.MessageAttributes["team"].StringValue, body["team"]!.GetValue<string>());
        Assert.Equal("2024-06-10T09:41:12.345Z", body["occurredAt"]!.GetValue<string>());
        Assert.StartsWith("/", body["links"]!["lineage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(body["detailsTruncated"]!.GetValue<bool>());
    }

    [Fact]
    public void Compose_SameNotificationTwice_ShouldCarryTheSameIdAndDistinctNotificationsDistinctIds()
    {
        var samples = NotificationSamples.All().Values.ToList();

        var first = samples.Select(notification => Composer.Compose(notification).MessageAttributes["notificationId"].StringValue).ToList();
        var again = NotificationSamples.All().Values.Select(notification => Composer.Compose(notification).MessageAttributes["notificationId"].StringValue).ToList();
        var later = Composer.Compose(samples[0] with { OccurredAt = samples[0].OccurredAt.AddSeconds(1) }).MessageAttributes["notificationId"].StringValue;

        Assert.Equal(first, again);
        Assert.Equal(first.Count, first.Distinct(StringComparer.Ordinal).Count());
        Assert.All(first, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.DoesNotContain(later, first);
    }

    [Fact]
    public void Compose_WithQueryApiBaseUrl_ShouldLinkAbsolutely()
    {
        var composer = new NotificationComposer(new NotificationOptions("https://abc123.execute-api.eu-west-1.amazonaws.com/"));

        var message = composer.Compose(NotificationSamples.All()[NotificationEventType.DeploymentStarted]);

        Assert.Equal(
            "https://abc123.execute-api.eu-west-1.amazonaws.com/models/credit-risk-scoring/versions/1",
            Body(message)["links"]!["lineage"]!.GetValue<string>());
        Assert.Contains("Lineage: https://abc123.execute-api.eu-west-1.amazonaws.com/models/credit-risk-scoring/versions/1",
            Structure(message)["email"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_UnknownTeamAndModel_ShouldStillGiveNonEmptyAttributesAndLinkTheAuditLog()
    {
        var subject = new ModelSubject(" ", ModelSubject.Unknown, null, null, "");
        var notification = AuditNotifications.Alert(
            subject,
            new AuditFinding("DeleteModelPackage", "sagemaker.amazonaws.com", "bob", "a deployed package was deleted"),
            NotificationSamples.At);

        var message = Composer.Compose(notification);

        Assert.Equal(ModelSubject.Unknown, message.MessageAttributes["team"].StringValue);
        Assert.Equal(ModelSubject.Unknown, message.MessageAttributes["sourceAccount"].StringValue);
        Assert.Equal("/audit", Body(message)["links"]!["lineage"]!.GetValue<string>());
        Assert.Equal("Audit alert: DeleteModelPackage", message.Subject);
    }

    [Fact]
    public void Compose_HugeDetails_ShouldCutThemToFitSnsLimitAndPointAtTheFullRecord()
    {
        var results = Enumerable.Range(0, 4000)
            .Select(index => new RuleResult("requiredTags", RuleMode.Block, false, "Tag 'k" + index + "' is missing; " + new string('x', 200)))
            .ToList();
        var decision = PolicyDecision.From(results, "sha256:0");
        var notification = ModelNotifications.Blocked(PackageFixtures.Compliant(), decision, NotificationSamples.At) with
        {
            Summary = "Blocked for many reasons.",
        };
        Assert.True(Encoding.UTF8.GetByteCount(notification.Details.GetRawText()) > NotificationMessage.MaxBytes);

        var message = Composer.Compose(notification);

        Assert.True(message.SizeInBytes <= NotificationMessage.MaxBytes, message.SizeInBytes + " bytes");
        var body = Body(message);
        Assert.True(body["detailsTruncated"]!.GetValue<bool>());
        Assert.Equal("violations", body["omittedDetails"]![0]!.GetValue<string>());
        Assert.Equal("/models/credit-risk-scoring/versions/3/timeline", body["links"]!["fullDetails"]!.GetValue<string>());
        Assert.Equal("sha256:0", body["details"]!["policyDigest"]!.GetValue<string>());
        Assert.Contains(
            "Some details were too large for this message (violations, policySummary); the full record is at /models/credit-risk-scoring/versions/3/timeline",
            Structure(message)["email"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_OverASmallBudget_ShouldDropTheLargestDetailsFirstAndKeepTheRest()
    {
        var notification = NotificationSamples.All()[NotificationEventType.ModelSubmitted];
        var full = Composer.Compose(notification);
        var composer = new NotificationComposer(new NotificationOptions(MaxMessageBytes: full.SizeInBytes - 1));

        var cut = composer.Compose(notification);

        Assert.True(cut.SizeInBytes <= full.SizeInBytes - 1);
        var body = Body(cut);
        Assert.Equal(["artifacts"], body["omittedDetails"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.NotNull(body["details"]!["centralPackageArn"]);
        Assert.NotNull(body["details"]!["images"]);
    }

    [Fact]
    public void Compose_BudgetTooSmallForAnything_ShouldFailClearly()
    {
        var composer = new NotificationComposer(new NotificationOptions(MaxMessageBytes: 200));

        var error = Assert.Throws<InvalidOperationException>(() => composer.Compose(NotificationSamples.All()[NotificationEventType.AuditAlert]));

        Assert.Contains("audit.alert notification cannot be made to fit in 200 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeInBytes_ShouldCountUtf8BytesOfMessageSubjectAndAttributes()
    {
        var message = new NotificationMessage("Sé", "{\"default\":\"€\"}", "json", new Dictionary<string, MessageAttributeValue>
        {
            ["team"] = MessageAttributeValue.OfString("zürich"),
        });

        Assert.Equal(3 + Encoding.UTF8.GetByteCount("{\"default\":\"€\"}") + 4 + "String".Length + 7, message.SizeInBytes);
    }

    [Fact]
    public void Compose_NonAsciiDetails_ShouldStayUnescapedInTheBody()
    {
        var subject = NotificationSamples.CentralSubject;
        var notification = ComplianceNotifications.Violation(subject, NotificationSamples.EndpointFinding with { Annotation = "Schlüssel fehlt für Zürich" }, NotificationSamples.At);

        var message = Composer.Compose(notification);

        Assert.Contains("Schlüssel fehlt für Zürich", Structure(message)["sqs"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Schl\u00fcssel", message.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Blocked: modèle de crédit v3 für Łódź", "Blocked: modele de credit v3 fur Lodz")]
    [InlineData("line one\r\nline two\ttabbed", "line one line two tabbed")]
    [InlineData("  leading and trailing  ", "leading and trailing")]
    [InlineData("emoji \U0001F680 here", "emoji ? here")]
    [InlineData("\n\t ", "Model governance notification")]
    public void SubjectLine_ShouldKeepOnlyPrintableAscii(string text, string expected)
    {
        Assert.Equal(expected, SubjectLine.Sanitise(text));
    }

    [Fact]
    public void SubjectLine_TooLong_ShouldBeCutBelowOneHundredCharactersWithAnEllipsis()
    {
        var subject = SubjectLine.Sanitise("Blocked: " + new string('a', 200));

        Assert.Equal(99, subject.Length);
        Assert.EndsWith("...", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void SubjectLine_AnyText_ShouldSatisfySnsSubjectRules()
    {
        Prop.ForAll<string>(text =>
        {
            var subject = SubjectLine.Sanitise(text ?? string.Empty);
            return subject.Length is > 0 and < 100
                && subject.All(character => character is >= ' ' and <= '~')
                && subject[0] != ' '
                && !subject.Contains("  ", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Compose_LongGroupName_ShouldKeepTheSubjectWithinSnsLimit()
    {
        var subject = NotificationSamples.CentralSubject with { ModelPackageGroup = new string('g', 63) };

        var message = Composer.Compose(DeploymentNotifications.Failed(subject, NotificationSamples.Execution with { PipelineName = new string('p', 80) }, NotificationSamples.At));

        Assert.True(message.Subject.Length < 100);
        Assert.StartsWith("Deployment failed: ggg", message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Submitted_WithWarnings_ShouldBeWarningSeverityAndSayWhichRules()
    {
        var policy = PolicyLoader.Load("""{"version": 1, "rules": {"groupNaming": {"mode": "warn", "pattern": "^team-"}}}""");
        var package = PackageFixtures.Compliant();

        var notification = ModelNotifications.Submitted(package, NotificationSamples.CentralArn, new PolicyEvaluator(policy).Evaluate(package), NotificationSamples.At);

        Assert.Equal(Severity.Warning, notification.Severity);
        Assert.Equal("Submitted: credit-risk-scoring v3 awaits central approval (1 warning)", notification.Title);
        Assert.Contains("passed the governance policy with 1 warning (groupNaming)", notification.Summary, StringComparison.Ordinal);
    }

    private static JsonObject GoldenView(NotificationMessage message)
    {
        var structure = Structure(message);
        return new JsonObject
        {
            ["subject"] = message.Subject,
            ["messageStructure"] = message.MessageStructure,
            ["messageAttributes"] = new JsonObject(message.MessageAttributes.Select(attribute =>
                KeyValuePair.Create<string, JsonNode?>(attribute.Key, new JsonObject
                {
                    ["DataType"] = attribute.Value.DataType,
                    ["StringValue"] = attribute.Value.StringValue,
                }))),
            ["message"] = new JsonObject
            {
                ["default"] = "(same as sqs)",
                ["email"] = structure["email"]!.GetValue<string>(),
                ["sqs"] = JsonNode.Parse(structure["sqs"]!.GetValue<string>()),
                ["lambda"] = "(same as sqs)",
                ["https"] = "(same as sqs)",
            },
        };
    }
}
