using System.Globalization;
using System.Text.Json.Nodes;
using Governance.Core.Ledger;
using Governance.Core.Notifications;
using Governance.Core.Policy;
using Governance.Core.Registry;
using Governance.Core.Routing;

namespace Governance.Core.Flows;

/// <summary>The ports and configuration <see cref="RegistrySyncFlow"/> works with.</summary>
public sealed record RegistrySyncPorts(
    ITeamRegistry Team,
    ICentralRegistry Central,
    IArtifactStore Artifacts,
    INotifier Notifier,
    PolicyEvaluator Policy,
    ILedgerWriter Ledger,
    IIdempotencyStore Idempotency,
    TimeProvider Time);

/// <summary>
/// A package approved in a team account: describe it there, judge it against the policy, copy its artifacts into
/// the central bucket, create its central copy awaiting approval, record every step and notify. Exactly once per
/// event (idempotency claim), per source package (a second claim around the lookup-or-create, the lookup by
/// source ARN, a deterministic ClientToken) and per notification (its own claim).
/// </summary>
public sealed class RegistrySyncFlow(RegistrySyncPorts ports)
{
    public const string Handler = HandlerNames.RegistrySync;
    public const string CentralPackageScope = Handler + ".central-package";
    public const string NotifyScope = Handler + ".notify";

    private readonly OnceGuard once = new(ports.Idempotency);
    private readonly FlowLedger ledger = new(ports.Ledger, ports.Time);

    public async Task<FlowResult> RunAsync(FlowEvent approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var step = "claim";
        var source = new NodeRef(NodeTypes.SourcePackage, approval.Change.ModelPackageArn.ToString());
        try
        {
            var (json, replayed) = await once.RunAsync(approval.EventId, Handler, approval.Deadline, async () =>
            {
                var effects = new List<string>();
                step = "record receipt";
                await RecordReceiptAsync(approval, source, cancellationToken);
                effects.Add("recorded receipt of " + source.Id);

                step = "describe the team package";
                if (!ModelPackageArn.TryParse(approval.Change.ModelPackageArn.ToString(), out var arn) || arn is null)
                {
                    throw new FlowStepException($"{approval.Change.ModelPackageArn} is not a model package version ARN");
                }

                var package = await ports.Team.DescribeAsync(arn, approval.EventTags, cancellationToken);

                step = "evaluate the policy";
                var decision = ports.Policy.Evaluate(package);
                await RecordDecisionAsync(approval, source, package, decision, cancellationToken);
                effects.Add("policy " + decision.Outcome.WireName() + ": " + decision.Summary);

                var result = decision.IsBlocked
                    ? await BlockAsync(approval, source, package, decision, effects, s => step = s, cancellationToken)
                    : await SubmitAsync(approval, source, package, decision, effects, s => step = s, cancellationToken);
                return result.ToJson();
            }, cancellationToken);
            return replayed ? FlowResult.FromRecorded(json) : System.Text.Json.JsonSerializer.Deserialize(json, FlowJsonContext.Default.FlowResult)!;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var retryable = exception is FlowStepException { Retryable: true };
            var reason = exception is FlowStepException or FlowFailedException ? exception.Message : exception.GetType().Name + ": " + exception.Message;
            if (step != "claim")
            {
                await RecordFailureAsync(approval, source, step, reason, retryable);
            }

            throw new FlowFailedException(
                $"RegistrySync of {source.Id} (event {approval.EventId}) failed at step '{step}': {reason}", step, retryable, exception);
        }
    }

    private async Task<FlowResult> BlockAsync(
        FlowEvent approval, NodeRef source, ModelPackage package, PolicyDecision decision, List<string> effects, Action<string> step, CancellationToken cancellationToken)
    {
        step("record the block");
        await ledger.AppendAsync(source, approval.EventId, "blocked", "model.blocked", approval, package.Account, package.GroupName,
            Attributes(("summary", decision.Summary), ("violations", string.Join(", ", decision.Violations.Select(v => v.RuleId)))), cancellationToken);

        step("notify model.blocked");
        effects.Add(await NotifyAsync(approval, source, ModelNotifications.Blocked(package, decision, approval.OccurredAt), package, cancellationToken));
        return new FlowResult("blocked by policy: " + decision.Summary, effects);
    }

    private async Task<FlowResult> SubmitAsync(
        FlowEvent approval, NodeRef source, ModelPackage package, PolicyDecision decision, List<string> effects, Action<string> step, CancellationToken cancellationToken)
    {
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        var artifacts = new List<(NodeRef Node, ArtifactCopy Copy)>();
        foreach (var artifact in package.Artifacts)
        {
            if (artifact.Location is null || replacements.ContainsKey(artifact.Uri))
            {
                continue;
            }

            step("copy artifact " + artifact.Uri);
            var key = FlowKeys.CentralArtifactKey(package, artifact);
            var copy = await ports.Artifacts.CopyAsync(artifact.Uri, key, cancellationToken);
            var node = new NodeRef(NodeTypes.Artifact, "sha256:" + copy.Sha256);
            await ledger.NodeAsync(node, package.Account, package.GroupName,
                Attributes(("uri", copy.CentralUri), ("sourceUri", copy.SourceUri), ("role", artifact.Description), ("size", copy.Size.ToString(CultureInfo.InvariantCulture))),
                cancellationToken);
            await ledger.EdgeAsync(node, Relations.PackagedAs, source, approval.EventId, cancellationToken);
            await ledger.AppendAsync(source, approval.EventId, "artifact:" + key, "artifact.copied", approval, package.Account, package.GroupName,
                Attributes(("sourceUri", copy.SourceUri), ("centralUri", copy.CentralUri), ("sha256", copy.Sha256), ("role", artifact.Description)), cancellationToken);
            replacements[artifact.Uri] = copy.CentralUri;
            artifacts.Add((node, copy));
            effects.Add($"artifact {copy.SourceUri} copied to {copy.CentralUri} (sha256 {copy.Sha256})");
        }

        foreach (var image in package.Images)
        {
            if (image.PinnedUri is { } pinned && !string.Equals(pinned, image.Uri, StringComparison.Ordinal))
            {
                replacements[image.Uri] = pinned;
            }
        }

        step("create the central package");
        var team = package.Tag(ProvenanceTags.Team);
        var (centralArn, existed) = await CreateCentralAsync(approval, package, replacements, team, cancellationToken);
        effects.Add(existed ? $"central package {centralArn} already existed" : $"central package {centralArn} created");

        step("record the central package");
        var central = new NodeRef(NodeTypes.CentralPackage, centralArn);
        var code = CodeRevision.Of(package);
        await ledger.NodeAsync(central, null, package.GroupName, Attributes(
            ("team", team),
            ("sourceAccount", package.Account),
            ("sourcePackageArn", package.Arn.Value),
            ("approvedBy", approval.Approver),
            ("policyDigest", decision.PolicyDigest),
            ("policyOutcome", decision.Outcome.WireName()),
            ("status", ModelPackage.PendingManualApproval),
            ("codeRevision", code?.Revision),
            ("codeRepository", code?.Repository),
            ("generatedBy", code?.GeneratedBy),
            ("projectId", code?.ProjectId)), cancellationToken);
        await ledger.EdgeAsync(source, Relations.CopiedTo, central, approval.EventId, cancellationToken);
        if (CentralGroup(centralArn) is { } group)
        {
            await ledger.NodeAsync(group, null, package.GroupName, Attributes(("team", team)), cancellationToken);
            await ledger.EdgeAsync(central, Relations.MemberOf, group, approval.EventId, cancellationToken);
        }
        foreach (var (node, _) in artifacts)
        {
            await ledger.EdgeAsync(node, Relations.PackagedAs, central, approval.EventId, cancellationToken);
        }

        foreach (var image in package.Images.Where(image => image.Digest is not null))
        {
            await ledger.EdgeAsync(new NodeRef(NodeTypes.Image, image.Digest!), Relations.PackagedAs, central, approval.EventId, cancellationToken);
        }

        var submitted = Attributes(("sourcePackageArn", package.Arn.Value), ("centralPackageArn", centralArn), ("policyOutcome", decision.Outcome.WireName()));
        await ledger.AppendAsync(central, approval.EventId, "submitted", "model.submitted", approval, null, package.GroupName, submitted, cancellationToken);
        await ledger.AppendAsync(source, approval.EventId, "submitted", "model.submitted", approval, package.Account, package.GroupName, submitted, cancellationToken);

        step("notify model.submitted");
        effects.Add(await NotifyAsync(approval, source, ModelNotifications.Submitted(package, centralArn, decision, approval.OccurredAt), package, cancellationToken));
        return new FlowResult($"central package {centralArn} awaits approval ({decision.Summary})", effects);
    }

    private async Task<(string Arn, bool Existed)> CreateCentralAsync(
        FlowEvent approval, ModelPackage package, Dictionary<string, string> replacements, string? team, CancellationToken cancellationToken)
    {
        var existed = false;
        var (arn, _) = await once.RunAsync(package.Arn.Value, CentralPackageScope, approval.Deadline, async () =>
        {
            if (await ports.Central.FindBySourceAsync(package.GroupName, package.Arn.Value, cancellationToken) is { } found)
            {
                existed = true;
                return found;
            }

            var groupTags = Tags((ProvenanceTags.Team, team), (ProvenanceTags.SourceAccount, package.Account));
            await ports.Central.EnsureGroupAsync(new CentralGroupSpec(package.GroupName, $"Models synced from team account {package.Account}", groupTags), cancellationToken);
            var provenance = Tags(
                (ProvenanceTags.Team, team),
                (ProvenanceTags.SourceAccount, package.Account),
                (ProvenanceTags.SourcePackageArn, package.Arn.Value),
                (SourceApproverKey, approval.Approver));
            var metadata = new Dictionary<string, string>(package.CustomerMetadata, StringComparer.Ordinal);
            foreach (var (key, value) in provenance)
            {
                metadata[key] = value;
            }

            return await ports.Central.CreatePackageAsync(
                new CentralPackageDraft(package.GroupName, package, replacements, metadata, provenance, FlowKeys.CentralPackageToken(package.Arn.Value)),
                cancellationToken);
        }, cancellationToken);
        return (arn, existed);
    }

    /// <summary>CustomerMetadataProperties / tag key naming who approved the team package.</summary>
    public const string SourceApproverKey = "governance:source-approver";

    private async Task<string> NotifyAsync(FlowEvent approval, NodeRef source, Notification notification, ModelPackage package, CancellationToken cancellationToken)
    {
        var type = notification.EventType.WireName();
        var (messageId, replayed) = await once.RunAsync(approval.EventId, NotifyScope, approval.Deadline,
            () => ports.Notifier.PublishAsync(notification, cancellationToken), cancellationToken);
        if (replayed)
        {
            return $"notification {type} already published (message {messageId})";
        }

        await ledger.AppendAsync(source, approval.EventId, "notified", "notification.published", approval, package.Account, package.GroupName,
            Attributes(("eventType", type), ("messageId", messageId)), cancellationToken);
        return $"notified {type} (message {messageId})";
    }

    private async Task RecordReceiptAsync(FlowEvent approval, NodeRef source, CancellationToken cancellationToken)
    {
        var change = approval.Change;
        await ledger.NodeAsync(source, change.OwnerAccount, change.ModelPackageGroupName, Attributes(
            ("approvedBy", approval.Approver),
            ("approvedAt", approval.OccurredAt.ToString("O", CultureInfo.InvariantCulture)),
            ("version", change.ModelPackageVersion?.ToString(CultureInfo.InvariantCulture))), cancellationToken);
        await ledger.AppendAsync(source, approval.EventId, "received", "model.approved", approval, change.OwnerAccount, change.ModelPackageGroupName,
            Attributes(("approvalStatus", change.ApprovalStatus.ToString()), ("approvedBy", approval.Approver)), cancellationToken);
    }

    private async Task RecordDecisionAsync(FlowEvent approval, NodeRef source, ModelPackage package, PolicyDecision decision, CancellationToken cancellationToken)
    {
        foreach (var image in package.Images.Where(image => image.Digest is not null))
        {
            var node = new NodeRef(NodeTypes.Image, image.Digest!);
            await ledger.NodeAsync(node, image.EcrAccount, null, Attributes(("uri", image.Uri)), cancellationToken);
            await ledger.EdgeAsync(node, Relations.PackagedAs, source, approval.EventId, cancellationToken);
        }

        var results = new JsonArray([.. decision.Results.Select(result => (JsonNode)new JsonObject
        {
            ["rule"] = result.RuleId,
            ["mode"] = result.Mode == RuleMode.Block ? "block" : "warn",
            ["passed"] = result.Passed,
            ["explanation"] = result.Explanation,
        })]);
        await ledger.AppendAsync(source, approval.EventId, "policy", "policy.decision", approval, package.Account, package.GroupName, Attributes(
            ("outcome", decision.Outcome.WireName()),
            ("summary", decision.Summary),
            ("policyDigest", decision.PolicyDigest),
            ("results", results.ToJsonString())), cancellationToken);
    }

    private async Task RecordFailureAsync(FlowEvent approval, NodeRef source, string step, string reason, bool retryable)
    {
        try
        {
            await ledger.AppendAsync(source, approval.EventId, "failed:" + step, "sync.failed", approval,
                approval.Change.OwnerAccount, approval.Change.ModelPackageGroupName,
                Attributes(("step", step), ("reason", reason), ("retryable", retryable ? "true" : "false")), CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The failure is still reported through the invocation error; the ledger may be what failed.
        }
    }

    /// <summary>The central group a version belongs to (the lineage API lists a group's versions by this edge).</summary>
    private static NodeRef? CentralGroup(string centralArn) =>
        ModelPackageArn.TryParse(centralArn, out var arn) && arn is { Version: not null }
            ? new NodeRef(NodeTypes.ModelPackageGroup, $"arn:{arn.Partition}:sagemaker:{arn.Region}:{arn.Account}:model-package-group/{arn.Name}")
            : null;

    private static Dictionary<string, string> Attributes(params (string Key, string? Value)[] pairs) =>
        pairs.Where(pair => !string.IsNullOrEmpty(pair.Value)).ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal);

    private static Dictionary<string, string> Tags(params (string Key, string? Value)[] pairs) => Attributes(pairs);
}
