using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Aws.Tests.Http;

namespace Governance.Aws.Tests.Contract;

/// <summary>
/// A loopback server that answers every call with a document built from the operation's output shape (or a
/// given override) and validates every request it received against the operation's input shape.
/// </summary>
public sealed class ContractServer : IAsyncDisposable
{
    private readonly ServiceModel _model;
    private readonly Dictionary<string, Func<RecordedRequest, string>> _overrides = new(StringComparer.Ordinal);

    public ContractServer(string serviceModel)
    {
        _model = ServiceModel.Load(serviceModel);
        Server = new LoopbackServer { Fallback = Answer };
    }

    public LoopbackServer Server { get; }

    public ServiceModel Model => _model;

    public Uri Endpoint => Server.Endpoint;

    /// <summary>Answer <paramref name="operation"/> with a fixed body instead of the sample document.</summary>
    public void Override(string operation, Func<RecordedRequest, string> body) => _overrides[operation] = body;

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    public string OperationOf(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _model.Protocol == "json"
            ? request.Headers["X-Amz-Target"][(request.Headers["X-Amz-Target"].LastIndexOf('.') + 1)..]
            : QueryForm.Parse(request.Body)["Action"];
    }

    /// <summary>Every problem with every request received: protocol headers, then the body against the input shape.</summary>
    public IReadOnlyList<string> Violations()
    {
        var errors = new List<string>();
        foreach (var request in Server.Received)
        {
            var operation = OperationOf(request);
            if (!_model.HasOperation(operation))
            {
                errors.Add($"{operation}: not an operation of {_model.Metadata("serviceId")}");
                continue;
            }

            var validator = new ShapeValidator(_model);
            if (_model.Protocol == "json")
            {
                var target = $"{_model.Metadata("targetPrefix")}.{operation}";
                if (request.Headers["X-Amz-Target"] != target)
                {
                    errors.Add($"{operation}: X-Amz-Target {request.Headers["X-Amz-Target"]} != {target}");
                }

                if (request.Headers["Content-Type"] != $"application/x-amz-json-{_model.Metadata("jsonVersion")}")
                {
                    errors.Add($"{operation}: Content-Type {request.Headers["Content-Type"]}");
                }

                errors.AddRange(validator.Validate(JsonNode.Parse(request.Body), _model.InputShape(operation)).Select(e => $"{operation}: {e}"));
            }
            else
            {
                var form = QueryForm.Parse(request.Body);
                if (form.GetValueOrDefault("Version") != _model.Metadata("apiVersion"))
                {
                    errors.Add($"{operation}: Version {form.GetValueOrDefault("Version")} != {_model.Metadata("apiVersion")}");
                }

                var (value, unknown) = new QueryForm(_model).Read(form, _model.InputShape(operation));
                errors.AddRange(unknown.Select(u => $"{operation}: parameter {u} is not part of {_model.InputShape(operation)}"));
                errors.AddRange(validator.Validate(value, _model.InputShape(operation)).Select(e => $"{operation}: {e}"));
            }

            if (!request.Headers.TryGetValue("Authorization", out var authorization) || !authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
            {
                errors.Add($"{operation}: not signed with SigV4");
            }
        }

        return errors;
    }

    /// <summary>The JSON bodies the client sent for <paramref name="operation"/>.</summary>
    public IReadOnlyList<JsonElement> Sent(string operation) =>
        [.. Server.Received.Where(r => OperationOf(r) == operation).Select(r => JsonDocument.Parse(r.Body).RootElement.Clone())];

    private ServerAction Answer(RecordedRequest request)
    {
        var operation = OperationOf(request);
        if (_overrides.TryGetValue(operation, out var body))
        {
            return ServerAction.Respond(200, body(request));
        }

        if (!_model.HasOperation(operation))
        {
            return ServerAction.Respond(400, $$"""{"__type":"UnknownOperationException","message":"{{operation}}"}""");
        }

        var samples = new SampleDocuments(_model);
        return _model.Protocol == "json"
            ? ServerAction.Respond(200, samples.Json(_model.OutputShape(operation)).ToJsonString())
            : ServerAction.Respond(200, samples.Xml(operation), ("Content-Type", "text/xml"));
    }
}
