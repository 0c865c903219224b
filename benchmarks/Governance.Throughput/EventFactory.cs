using System.Globalization;
using System.Text.Json.Nodes;
using Governance.Local.Lambda;

namespace Governance.Throughput;

/// <summary>
/// Distinct deliveries made from the real samples (read in place from the shared folder) and the project's
/// fixtures: each gets its own event id and, where the handler keys its records by it, its own resource.
/// </summary>
public sealed class EventFactory
{
    /// <summary>The team approval every RegistrySync duplicate repeats (its first delivery is recorded as done).</summary>
    public const string DuplicateApprovalId = "0b6a5c1e-3f2d-4e8a-9c7b-1d2e3f4a5b61";

    private readonly JsonObject _createModelRecord;
    private readonly JsonObject _pipelineSucceeded;
    private readonly JsonObject _ec2RunInstances;
    private readonly byte[] _teamApproval;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public EventFactory()
    {
        _createModelRecord = Read(SharedFolder.Combine("events", "cloudtrail-sagemaker", "docs-ct-record-CreateModel.json"));
        _pipelineSucceeded = Read(SharedFolder.Combine("events", "sagemaker-pipeline-execution-status-change", "docs-succeeded.json"));
        _ec2RunInstances = Read(SharedFolder.Combine("events", "cloudtrail-other", "c7n-event-cloud-trail-run-instances.json"));
        _teamApproval = File.ReadAllBytes(RepositoryRoot.Combine("benchmarks", "Governance.Benchmarks", "Handlers", "Fixtures", "team-approved.json"));
    }

    /// <summary>AuditTrail: a CreateModel call as EventBridge delivers it (the docs' CloudTrail record as detail), one model each.</summary>
    public byte[] CreateModel(int index)
    {
        var record = (JsonObject)_createModelRecord.DeepClone();
        var name = $"throughput-{_run}-{index.ToString(CultureInfo.InvariantCulture)}";
        record["eventID"] = Guid.NewGuid().ToString();
        record["requestID"] = Guid.NewGuid().ToString();
        record["eventTime"] = Time(index);
        record["requestParameters"]!["modelName"] = name;
        record["responseElements"]!["modelArn"] = $"arn:aws:sagemaker:us-west-2:123456789012:model/{name}";
        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = "AWS API Call via CloudTrail",
            ["source"] = "aws.sagemaker",
            ["account"] = "123456789012",
            ["time"] = Time(index),
            ["region"] = "us-west-2",
            ["resources"] = new JsonArray(),
            ["detail"] = record,
        };
        return Bytes(envelope);
    }

    /// <summary>PipelineMonitor: the docs' "execution succeeded" event for an execution of its own.</summary>
    public byte[] PipelineSucceeded(int index)
    {
        var change = (JsonObject)_pipelineSucceeded.DeepClone();
        var execution = $"arn:aws:sagemaker:us-east-1:123456789012:pipeline/myPipeline-123/execution/{_run}{index.ToString("D6", CultureInfo.InvariantCulture)}";
        change["id"] = Guid.NewGuid().ToString();
        change["time"] = Time(index);
        change["resources"]![1] = execution;
        change["detail"]!["pipelineExecutionArn"] = execution;
        return Bytes(change);
    }

    /// <summary>AuditTrail: an EC2 call the router ignores (no AWS call is made for it).</summary>
    public byte[] Ec2RunInstances(int index)
    {
        var call = (JsonObject)_ec2RunInstances.DeepClone();
        call["id"] = Guid.NewGuid().ToString();
        return Bytes(call);
    }

    /// <summary>RegistrySync: the same team approval again; its first delivery is recorded, so it ends at the idempotency claim.</summary>
    public byte[] DuplicateApproval(int index) => _teamApproval;

    /// <summary>The team package the duplicated approval is about (the subject its handling is keyed by).</summary>
    public string DuplicateApprovalPackage => JsonNode.Parse(_teamApproval)!["detail"]!["ModelPackageArn"]!.GetValue<string>();

    private static string Time(int index) =>
        new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero).AddSeconds(index).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static JsonObject Read(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private static byte[] Bytes(JsonObject document) => System.Text.Encoding.UTF8.GetBytes(document.ToJsonString());
}
