using Governance.Core.Events;
using Governance.Core.Flows;
using Governance.Core.Policy;

namespace Governance.Handlers.Settings;

/// <summary>Reads one handler's settings, collecting every problem instead of stopping at the first.</summary>
internal sealed class SettingsReader(Func<string, string?> settings, string handler)
{
    private readonly List<string> _problems = [];

    public string? Optional(string name) => settings(name)?.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>The value, or null with the problem noted (its name and what it must hold).</summary>
    public string Required(string name, string meaning)
    {
        if (Optional(name) is { } value)
        {
            return value;
        }

        _problems.Add($"{name} is not set: {handler} needs {meaning}");
        return string.Empty;
    }

    public string Account(string name)
    {
        var value = Required(name, "the 12-digit id of the governance (central) account");
        if (value.Length > 0 && !AccountId.IsValid(value))
        {
            _problems.Add($"{name} is \"{value}\": it must be a 12-digit AWS account id");
        }

        return value;
    }

    /// <summary>Notes a problem found by the caller (a combination of settings that cannot be used).</summary>
    public void Problem(string problem) => _problems.Add(problem);

    /// <summary>An optional IAM role ARN; a value that is not one is noted.</summary>
    public string? RoleArn(string name)
    {
        var value = Optional(name);
        if (value is not null && !(value.StartsWith("arn:", StringComparison.Ordinal) && value.Split(':') is { Length: 6 } parts && parts[2] == "iam" && parts[5].StartsWith("role/", StringComparison.Ordinal)))
        {
            _problems.Add($"{name} is \"{value}\": it must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }

        return value;
    }

    /// <summary>A configuration file read and checked by <paramref name="load"/> (text, source): every error it reports is noted.</summary>
    public T? File<T>(string name, string defaultFile, Func<string, string, T> load)
        where T : class
    {
        var path = Optional(name) ?? SettingNames.DefaultConfigPath(defaultFile);
        if (!System.IO.File.Exists(path))
        {
            _problems.Add($"{path} does not exist: ship it next to the program under config/ or point {name} at it");
            return null;
        }

        return Load(path, load);
    }

    /// <summary>Like <see cref="File{T}"/>, but when the setting is absent and no file ships, there is nothing to read: null.</summary>
    public T? OptionalFile<T>(string name, string defaultFile, Func<string, string, T> load)
        where T : class =>
        Optional(name) is null && !System.IO.File.Exists(SettingNames.DefaultConfigPath(defaultFile)) ? null : File(name, defaultFile, load);

    private T? Load<T>(string path, Func<string, string, T> load)
        where T : class
    {
        try
        {
            return load(System.IO.File.ReadAllText(path), path);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or PolicyValidationException or RoutingValidationException)
        {
            _problems.Add(exception.Message);
            return null;
        }
    }

    /// <exception cref="SettingsException">At least one problem was noted; the message lists them all.</exception>
    public void ThrowIfInvalid()
    {
        if (_problems.Count > 0)
        {
            throw new SettingsException(handler, _problems);
        }
    }
}
