using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Governance.Aws.Protocols;
using Governance.Aws.Validation;

namespace Governance.Aws.CodePipeline;

/// <summary>CodePipeline over the json 1.1 protocol (member names are lower camel case in this service).</summary>
public sealed partial class CodePipelineClient(AwsJsonChannel channel) : ICodePipelineClient
{
    private readonly AwsJsonChannel _channel = channel ?? throw new ArgumentNullException(nameof(channel));

    [GeneratedRegex(@"^[A-Za-z0-9.@\-_]+$")]
    private static partial Regex PipelineName();

    [GeneratedRegex(@"^[A-Za-z0-9@\-_]+$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^[a-zA-Z0-9-]+$")]
    private static partial Regex ClientRequestToken();

    public async Task<string> StartPipelineExecutionAsync(CodePipelineStartRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check("CodePipeline", "StartPipelineExecution");
        var input = new JsonObject { ["name"] = check.Text(request.PipelineName, "name", 1, 100, PipelineName()) };
        if (request.Variables.Count > 0)
        {
            check.Count(request.Variables.Count, "variables", 1, 50);
            var variables = new JsonArray();
            foreach (var variable in request.Variables)
            {
                variables.Add((JsonNode)new JsonObject
                {
                    ["name"] = check.Text(variable.Name, "variables.name", 1, 128, VariableName()),
                    ["value"] = check.Text(variable.Value, "variables.value", 1, 1000),
                });
            }

            input["variables"] = variables;
        }

        if (check.Optional(request.ClientRequestToken, "clientRequestToken", 1, 128, ClientRequestToken()) is { } token)
        {
            input["clientRequestToken"] = token;
        }

        var output = await _channel.CallAsync("StartPipelineExecution", input, cancellationToken);
        return output.RequiredString("pipelineExecutionId");
    }
}
