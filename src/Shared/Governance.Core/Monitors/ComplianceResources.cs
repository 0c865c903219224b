using Governance.Core.Events;
using Governance.Core.Ledger;

namespace Governance.Core.Monitors;

/// <summary>
/// The ledger names of what a Config evaluation concerns: the evaluated resource (SageMaker endpoints, endpoint
/// configs, models and notebook instances as their ARN nodes, anything else as <see cref="NodeTypes.AwsResource"/>)
/// and the violation, keyed by rule, resource type and id, account and region.
/// </summary>
public static class ComplianceResources
{
    private static readonly Dictionary<string, string> SageMakerKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AWS::SageMaker::Endpoint"] = SageMakerArns.Endpoint,
        ["AWS::SageMaker::EndpointConfig"] = SageMakerArns.EndpointConfig,
        ["AWS::SageMaker::Model"] = SageMakerArns.Model,
        ["AWS::SageMaker::NotebookInstance"] = SageMakerArns.NotebookInstance,
    };

    public static NodeRef Resource(ConfigRulesComplianceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (SageMakerKinds.TryGetValue(change.ResourceType, out var kind)
            && SageMakerArns.Of(kind, change.ResourceId, change.AwsRegion, change.AwsAccountId) is { } arn)
        {
            return new NodeRef(SageMakerArns.NodeType(kind)!, arn);
        }

        return new NodeRef(NodeTypes.AwsResource, Bounded(change.ResourceType + "/" + change.ResourceId));
    }

    public static NodeRef Violation(ConfigRulesComplianceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var id = string.Join(
            '|',
            change.ConfigRuleName,
            change.ResourceType,
            change.ResourceId,
            change.AwsAccountId ?? "-",
            change.AwsRegion ?? "-");
        return new NodeRef(NodeTypes.Violation, Bounded(id));
    }

    private static string Bounded(string id) => id.Length <= NodeRef.MaxIdLength ? id : id[..NodeRef.MaxIdLength];
}
