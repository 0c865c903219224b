using System.Text;
using Governance.Core.Lineage;

namespace Governance.Core.Presentation.Reports;

/// <summary>A model version's lineage as plain text for the terminal.</summary>
public static class TextRenderer
{
    public static string Render(VersionLineageResponse lineage)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        var text = new StringBuilder();
        var summary = lineage.Summary;
        var up = lineage.Upstream;
        var down = lineage.Downstream;
        text.AppendLine($"{summary.Group} version {summary.Version}  ({summary.Arn})");
        text.AppendLine($"  team approval:     {Approval(summary.LocalApproval)}");
        text.AppendLine($"  central approval:  {Approval(summary.CentralApproval)}");
        text.AppendLine($"  source account:    {summary.SourceAccount ?? "unknown"}");
        if (lineage.Policy is { } policy)
        {
            text.AppendLine($"Policy decision: {policy.Outcome}  {Display.When(policy.At)}  {policy.Summary}");
            foreach (var rule in policy.Rules)
            {
                text.AppendLine($"  {(rule.Passed ? "passed" : "FAILED")} {rule.Rule} ({rule.Mode}): {rule.Explanation}");
            }
        }

        text.AppendLine("Upstream");
        Line(text, "source package", up.SourcePackage is null ? [] : [up.SourcePackage.Id]);
        Line(text, "training job", up.TrainingJobs.Select(node => node.Id));
        Line(text, "dataset", up.Datasets.Select(node => node.Id));
        Line(text, "image", up.Images.Select(node => $"{node.Attribute("uri") ?? "(uri not recorded)"}  digest {node.Id}"));
        Line(text, "artifact", up.Artifacts.Select(node => $"{node.Attribute("uri") ?? "(uri not recorded)"}  checksum {node.Id}"));
        Line(text, "code revision", up.CodeRevision is null ? [] : [Display.Code(up.CodeRevision)]);
        if (down.CentralPackage is null)
        {
            text.AppendLine("Downstream");
            text.AppendLine("  not copied to the central registry");
            return text.ToString();
        }

        text.AppendLine("Downstream");
        Line(text, "deployment run", down.Executions.Select(run => $"{run.Execution.Id}  {run.Status ?? "status unknown"} {Display.When(run.At)}"));
        Line(text, "model", down.Models.Select(node => node.Id));
        Line(text, "endpoint config", down.EndpointConfigs.Select(node => node.Id));
        Line(text, "endpoint", summary.Deployments.Select(d => $"{d.Endpoint}  {(d.Current ? "runs it since" : "ran it from")} {Display.When(d.Since)}"));
        Line(text, "violation", down.Violations.Select(node => node.Id));
        return text.ToString();
    }

    public static string Render(RecordView record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return $"{Display.When(record.OccurredAt)}  {record.Kind,-24} {record.Actor ?? "-"}  {record.Subject} #{record.Sequence}";
    }

    private static string Approval(ApprovalView approval) =>
        approval.By is null ? $"{approval.Status} {Display.When(approval.At)}" : $"{approval.Status} by {approval.By} {Display.When(approval.At)}";

    private static void Line(StringBuilder text, string label, IEnumerable<string> values)
    {
        var any = false;
        foreach (var value in values)
        {
            text.AppendLine($"  {label,-16} {value}");
            any = true;
        }

        if (!any)
        {
            text.AppendLine($"  {label,-16} (none recorded)");
        }
    }
}
