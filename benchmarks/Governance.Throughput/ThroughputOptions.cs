using System.Globalization;

namespace Governance.Throughput;

/// <summary>The command line.</summary>
public sealed record ThroughputOptions
{
    public const string Usage = """
        Throughput and peak RSS of the real bootstrap: a loopback Lambda Runtime API hands it events as fast as it
        takes them, with the real AWS adapters against moto_server.

        usage: dotnet run -c Release --project benchmarks/Governance.Throughput -- [options]
          --endpoint URL       moto_server to use (else one is started on a free loopback port; needs moto_server on PATH)
          --bootstrap PATH     the bootstrap to start (default: the Native AOT one Lambda runs, from make publish)
          --writes N           events per ledger-writing workload (default 1000)
          --events N           events per long workload, over which peak RSS is read (default 10000)
          --write-every K      in audit-mixed, one CreateModel per K events (default 10)
          --only A,B           run only these workloads: audit-writes, pipeline-writes, sync-duplicates, audit-mixed
          --timeout SECONDS    per workload (default 1800)
          --help
        """;

    public Uri? Endpoint { get; init; }

    public string? Bootstrap { get; init; }

    public int Writes { get; init; } = 1000;

    public int Events { get; init; } = 10_000;

    public int WriteEvery { get; init; } = 10;

    public IReadOnlyList<string> Only { get; init; } = Workload.Names;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    public bool Help { get; init; }

    /// <exception cref="ArgumentException">An option is unknown or its value is missing or malformed.</exception>
    public static ThroughputOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new ThroughputOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Count() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
                ? count
                : throw new ArgumentException($"{args[i - 1]} needs a positive whole number");
            options = args[i] switch
            {
                "--endpoint" => options with { Endpoint = new Uri(Value()) },
                "--bootstrap" => options with { Bootstrap = Path.GetFullPath(Value()) },
                "--writes" => options with { Writes = Count() },
                "--events" => options with { Events = Count() },
                "--write-every" => options with { WriteEvery = Count() },
                "--only" => options with { Only = Known(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(Count()) },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }

    private static string[] Known(string[] names) =>
        names.FirstOrDefault(name => !Workload.Names.Contains(name)) is { } unknown
            ? throw new ArgumentException($"unknown workload {unknown}; known: {string.Join(", ", Workload.Names)}")
            : names;
}
