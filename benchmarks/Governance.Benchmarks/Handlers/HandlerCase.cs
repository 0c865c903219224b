using Governance.Core.Routing;
using Governance.Local.Lambda;

namespace Governance.Benchmarks.Handlers;

/// <summary>How much of the model's life the in-memory ledger and registries have seen before the measured event.</summary>
public enum WorldStage
{
    /// <summary>Only the team account's package and artifacts exist.</summary>
    Empty,

    /// <summary>RegistrySync has copied the team package into the central registry.</summary>
    Synced,

    /// <summary>The central package was approved and DeploymentTrigger started its pipeline.</summary>
    Deployed,

    /// <summary>The lineage API's demo ledger (two teams, several versions, deployments and violations).</summary>
    LineageDemo,
}

/// <summary>One measured invocation: a handler, the event it is given, the state it finds, and the outcome it must reach.</summary>
/// <param name="Event">A path below the repository (project fixtures) or, with <c>shared:</c>, below the shared events folder.</param>
/// <param name="Expected">The result's <c>outcome</c>, or for the lineage API its <c>statusCode</c>.</param>
public sealed record HandlerCase(string Name, string Handler, string Event, WorldStage Stage, string Expected)
{
    private const string Fixtures = "benchmarks/Governance.Benchmarks/Handlers/Fixtures/";

    public static IReadOnlyList<HandlerCase> All { get; } =
    [
        new("RegistrySync/team-approved", HandlerNames.RegistrySync, Fixtures + "team-approved.json", WorldStage.Empty, "processed"),
        new("RegistrySync/duplicate", HandlerNames.RegistrySync, Fixtures + "team-approved.json", WorldStage.Synced, "processed"),
        new("DeploymentTrigger/central-approved", HandlerNames.DeploymentTrigger, Fixtures + "central-approved.json", WorldStage.Synced, "processed"),
        new("PipelineMonitor/sagemaker-succeeded", HandlerNames.PipelineMonitor, "shared:sagemaker-pipeline-execution-status-change/docs-succeeded.json", WorldStage.Deployed, "processed"),
        new("PipelineMonitor/codepipeline-succeeded", HandlerNames.PipelineMonitor, "shared:codepipeline-pipeline-execution-state-change/docs-2024-emitted-SUCCEEDED-gittags.json", WorldStage.Deployed, "processed"),
        new("ComplianceMonitor/non-compliant", HandlerNames.ComplianceMonitor, "shared:config-rules-compliance-change/captured-NON_COMPLIANT-s3-evaluationMode-DETECTIVE.json", WorldStage.Deployed, "processed"),
        new("AuditTrail/create-model", HandlerNames.AuditTrail, "shared:cloudtrail-sagemaker/docs-ct-record-CreateModel.json", WorldStage.Deployed, "processed"),
        new("AuditTrail/ec2-ignored", HandlerNames.AuditTrail, "shared:cloudtrail-other/c7n-event-cloud-trail-run-instances.json", WorldStage.Deployed, "ignored"),
        new("LineageApi/version-lineage", HandlerNames.LineageApi, Fixtures + "lineage-version-request.json", WorldStage.LineageDemo, "200"),
    ];

    public static HandlerCase Named(string name) =>
        All.FirstOrDefault(candidate => candidate.Name == name)
        ?? throw new ArgumentException($"no handler case {name}; known: {string.Join(", ", All.Select(candidate => candidate.Name))}", nameof(name));

    public byte[] ReadEvent() => File.ReadAllBytes(Event.StartsWith("shared:", StringComparison.Ordinal)
        ? BenchmarkFiles.SharedEvent(Event["shared:".Length..])
        : RepositoryRoot.Combine(Event));

    public override string ToString() => Name;
}
