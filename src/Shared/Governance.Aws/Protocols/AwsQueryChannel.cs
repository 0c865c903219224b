using System.Text;
using System.Xml;
using System.Xml.Linq;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Signing;

namespace Governance.Aws.Protocols;

/// <summary>The AWS query protocol: a form-encoded Action/Version body, an XML {Action}Response.</summary>
public sealed class AwsQueryChannel
{
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private readonly AwsHttpCore _core;
    private readonly AwsService _service;
    private readonly Uri _endpoint;
    private readonly string _region;

    public AwsQueryChannel(AwsHttpCore core, AwsService service, Uri endpoint, string region)
    {
        _core = core ?? throw new ArgumentNullException(nameof(core));
        _service = service ?? throw new ArgumentNullException(nameof(service));
        if (service.Protocol != AwsProtocol.Query)
        {
            throw new ArgumentException($"{service.ServiceId} does not speak the query protocol", nameof(service));
        }

        _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _region = region ?? throw new ArgumentNullException(nameof(region));
    }

    /// <summary>The form body for <paramref name="action"/> with <paramref name="parameters"/> in order.</summary>
    public string Encode(string action, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var body = new StringBuilder()
            .Append("Action=").Append(SigV4Signer.UriEncode(action, true))
            .Append("&Version=").Append(SigV4Signer.UriEncode(_service.ApiVersion, true));
        foreach (var (name, value) in parameters)
        {
            body.Append('&').Append(SigV4Signer.UriEncode(name, true)).Append('=').Append(SigV4Signer.UriEncode(value, true));
        }

        return body.ToString();
    }

    /// <summary>Sends the action and returns its {Action}Result element (empty when the response has none).</summary>
    public async Task<XElement> CallAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(Encode(action, parameters));
        var response = await _core.SendAsync(new AwsRequest(_service, action, _endpoint, _region, ContentType, body), cancellationToken);
        using var stream = new MemoryStream(response.Body);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var document = XDocument.Load(reader);
        return document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result") ?? new XElement(action + "Result");
    }

    /// <summary>The text of a direct child of a result element, by local name.</summary>
    public static string? Child(XElement element, string name)
    {
        ArgumentNullException.ThrowIfNull(element);
        return element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
    }
}
