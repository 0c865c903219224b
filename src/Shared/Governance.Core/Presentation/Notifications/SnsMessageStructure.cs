using System.Text.Json.Serialization;
using Governance.Core.Notifications;

namespace Governance.Core.Presentation.Notifications;

/// <summary>The per-protocol bodies of a <c>MessageStructure=json</c> message; every value is a string, as SNS requires.</summary>
public sealed record SnsMessageStructure(
    [property: JsonPropertyName("default")] string Default,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("sqs")] string Sqs,
    [property: JsonPropertyName("lambda")] string Lambda,
    [property: JsonPropertyName("https")] string Https);
