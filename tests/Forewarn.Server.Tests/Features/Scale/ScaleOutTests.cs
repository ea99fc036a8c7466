using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Forewarn.Server.Features.Demo;
using Forewarn.Server.Tests.Features.Demo;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Scale;

/// <summary>
/// The scale-out path as real processes (DESIGN §9): a three-node NATS JetStream cluster (Debian's nats-server), one web
/// and two worker <c>forewarn serve</c> processes on the test PostgreSQL. A worker and a NATS node die mid-run; every
/// acknowledged signal must still be stored once and correlated exactly as one in-process server does it.
/// </summary>
public sealed class ScaleOutTests(PostgresApp postgres, SqliteApp oneProcess) : IAsyncDisposable
{
    private const string NatsServer = "/usr/sbin/nats-server";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly List<Child> _children = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("forewarn-scale-").FullName;

    [Fact]
    public async Task Signals_survive_a_dead_worker_and_a_dead_NATS_node_and_correlate_as_in_one_process()
    {
        Assert.True(File.Exists(NatsServer), $"nats-server is required at {NatsServer} (apt-get install nats-server)");
        var client = Enumerable.Range(0, 3).Select(_ => DemoCommandTests.FreePort()).ToArray();
        var cluster = Enumerable.Range(0, 3).Select(_ => DemoCommandTests.FreePort()).ToArray();
        var routes = string.Join(',', cluster.Select(p => $"nats://127.0.0.1:{p}"));
        var nodes = new List<Child>();
        for (var i = 0; i < 3; i++)
        {
            nodes.Add(Start($"nats{i}", NatsServer, ["-a", "127.0.0.1", "-p", Str(client[i]), "-js", "-sd", Path.Combine(_folder, $"nats{i}"),
                "-n", $"n{i}", "--cluster_name", "forewarn-test", "--cluster", $"nats://127.0.0.1:{cluster[i]}", "--routes", routes], null));
        }

        var fraud = Enumerable.Range(0, 4).Select(_ => Intake.NewFraudPhone()).ToList();
        foreach (var number in fraud)
        {
            await postgres.BlacklistAsync("phone", number);
            await oneProcess.BlacklistAsync("phone", number);
        }
        var batches = Input(fraud);
        var ids = batches.SelectMany(b => b).Select(i => (string)i["externalId"]!).ToList();

        var env = new Dictionary<string, string>
        {
            ["Forewarn__Database__Provider"] = "Postgres",
            ["Forewarn__Database__ConnectionString"] = postgres.ConnectionString,
            ["Forewarn__Auth__KeyFile"] = Path.Combine(postgres.Folder, "signing.key"),
            ["Forewarn__Security__LookupKeyFile"] = Path.Combine(postgres.Folder, "lookup.key"),
            ["Forewarn__Security__AuditKeyFile"] = Path.Combine(postgres.Folder, "audit.key"),
            ["Forewarn__Security__DataKeyFile"] = ForewarnApp.SharedDataKeys,
            ["Forewarn__Nats__Url"] = string.Join(',', client.Select(p => $"nats://127.0.0.1:{p}")),
            ["Forewarn__Nats__Replicas"] = "3",
            ["Forewarn__Nats__AckWaitSeconds"] = "3",
        };
        var web = Serve("web", env);
        var workers = new[] { Serve("worker", env), Serve("worker", env) };
        await Task.WhenAll(new[] { web, workers[0], workers[1] }.Select(ReadyAsync));

        using var http = new HttpClient { BaseAddress = new Uri(web.Url!) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ForewarnApp.ApiKey);
        for (var b = 0; b < batches.Count; b++)
        {
            if (b == batches.Count / 3)
            {
                workers[0].Kill();
            }
            if (b == batches.Count / 2)
            {
                nodes[2].Kill();
            }
            var results = await SendUntilAcknowledgedAsync(http, batches[b]);
            Assert.All(results, r => Assert.Contains(r.Status, new[] { "accepted", "duplicate" }));
            Assert.All(results, r => Assert.Null(r.WarningId));
        }
        foreach (var batch in batches)
        {
            await oneProcess.SendAsync([.. batch]);
        }

        var scaled = await WaitForAllAsync(postgres, ids);
        var reference = await GroupsAsync(oneProcess, ids);
        Assert.Equal(ids.Count, scaled.Count);
        Assert.Contains(reference.Groups, g => g.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Equal(reference.Groups, scaled.Groups);
    }

    /// <summary>Forty subjects, five calls each, oldest first, interleaved over batches of twenty; some counterparties blacklisted.</summary>
    private static List<List<JsonObject>> Input(List<string> fraud)
    {
        var random = new Random(9);
        var subjects = Enumerable.Range(0, 40).Select(_ => Intake.NewPhone()).ToList();
        var items = new List<JsonObject>();
        for (var round = 0; round < 5; round++)
        {
            foreach (var subject in subjects)
            {
                var counterparty = random.Next(3) == 0 ? Intake.NewPhone() : fraud[random.Next(fraud.Count)];
                items.Add(Intake.Call(subject, counterparty, random.Next(10, 1200), TimeSpan.FromMinutes(60 - round * 10)));
            }
        }
        return [.. items.Chunk(20).Select(c => c.ToList())];
    }

    private static async Task<List<Intake.Result>> SendUntilAcknowledgedAsync(HttpClient http, List<JsonObject> batch)
    {
        // A client resends what was not acknowledged (a node may be electing a new leader); ids make that harmless.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await http.PostAsJsonAsync("/api/v1/signals", new JsonArray([.. batch.Select(i => i.DeepClone())]), Ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (await response.Content.ReadFromJsonAsync<Intake.Batch>(Ct))!.Results;
                }
                Assert.True(attempt < 30, $"batch not acknowledged: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            }
            catch (HttpRequestException) when (attempt < 30)
            {
            }
            await Task.Delay(1000, Ct);
        }
    }

    private sealed record Stored(int Count, List<string> Groups);

    private static async Task<Stored> WaitForAllAsync(ForewarnApp app, List<string> ids)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var stored = await GroupsAsync(app, ids);
            if (stored.Count >= ids.Count || clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                return stored;
            }
            await Task.Delay(500, Ct);
        }
    }

    /// <summary>The signals of <paramref name="ids"/> as they were correlated: one line per warning (level and its signals), one per signal without.</summary>
    private static async Task<Stored> GroupsAsync(ForewarnApp app, List<string> ids)
    {
        var db = app.NewDbContext(out var scope);
        using (scope)
        {
            var clientId = await db.ApiClients.Where(c => c.Name == DemoSeed.ClientName).Select(c => c.Id).SingleAsync(Ct);
            var signals = await db.Signals.IgnoreQueryFilters().Where(s => s.ClientId == clientId && ids.Contains(s.ExternalId))
                .Select(s => new { s.ExternalId, s.WarningId }).ToListAsync(Ct);
            var warningIds = signals.Where(s => s.WarningId != null).Select(s => s.WarningId!.Value).Distinct().ToList();
            var levels = await db.Warnings.IgnoreQueryFilters().Where(w => warningIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Level, Ct);
            var groups = signals.GroupBy(s => s.WarningId)
                .SelectMany(g => g.Key is { } id
                    ? [$"Warning {levels[id]}: {string.Join(' ', g.Select(s => s.ExternalId).Order(StringComparer.Ordinal))}"]
                    : g.Select(s => "none: " + s.ExternalId))
                .Order(StringComparer.Ordinal).ToList();
            return new Stored(signals.Count, groups);
        }
    }

    private Child Serve(string role, Dictionary<string, string> env)
    {
        var url = $"http://127.0.0.1:{DemoCommandTests.FreePort()}";
        var child = Start(role, "dotnet", ["forewarn.dll", "serve", "--role", role, "--urls", url], env);
        child.Url = url;
        return child;
    }

    private Child Start(string name, string file, string[] args, Dictionary<string, string>? env)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in env ?? [])
        {
            start.Environment[key] = value;
        }
        var child = new Child(name, Process.Start(start)!);
        _children.Add(child);
        return child;
    }

    private static async Task ReadyAsync(Child child)
    {
        using var http = new HttpClient { BaseAddress = new Uri(child.Url!) };
        for (var i = 0; i < 360 && !child.Process.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync("/readyz", Ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500, Ct);
        }
        Assert.Fail($"{child.Name} did not become ready:\n{child.Output}");
    }

    private static string Str(int port) => port.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children)
        {
            child.Kill();
            await child.Process.WaitForExitAsync();
            child.Process.Dispose();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Child
    {
        private readonly StringBuilder _output = new();

        public Child(string name, Process process)
        {
            Name = name;
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Name { get; }
        public Process Process { get; }
        public string? Url { get; set; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        private void Append(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        public void Kill()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }
        }
    }
}
