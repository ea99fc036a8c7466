using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forewarn.Server.Features.Demo;
using Forewarn.Server.Features.Scale;
using Forewarn.Server.Tests.Features.Demo;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forewarn.Server.Tests.Features.Scale;

/// <summary>
/// The scale-out path as real processes (DESIGN §9): a three-node NATS JetStream cluster (Debian's nats-server), two web
/// and three worker <c>forewarn serve</c> processes on the test PostgreSQL. Signals and contact records go to both web
/// processes; a worker and a NATS node die mid-run; every acknowledged signal must still be stored once and correlated
/// exactly as one in-process server does it. Then: one leader for the background passes, the dead worker's partitions
/// taken over, and a blacklist change seen by every process within a second.
/// </summary>
public sealed class ScaleOutTests(PostgresApp postgres, SqliteApp oneProcess) : IAsyncDisposable
{
    private const string NatsServer = "/usr/sbin/nats-server";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly List<Child> _children = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("forewarn-scale-").FullName;

    [Fact]
    public async Task Signals_and_contact_hits_survive_a_dead_worker_and_a_dead_NATS_node_and_correlate_as_in_one_process()
    {
        Assert.True(File.Exists(NatsServer), $"nats-server is required at {NatsServer} (apt-get install nats-server)");
        var client = Enumerable.Range(0, 3).Select(_ => DemoCommandTests.FreePort()).ToArray();
        var cluster = Enumerable.Range(0, 3).Select(_ => DemoCommandTests.FreePort()).ToArray();
        var monitor = Enumerable.Range(0, 3).Select(_ => DemoCommandTests.FreePort()).ToArray();
        var routes = string.Join(',', cluster.Select(p => $"nats://127.0.0.1:{p}"));
        var nodes = new List<Child>();
        for (var i = 0; i < 3; i++)
        {
            nodes.Add(Start($"nats{i}", NatsServer, ["-a", "127.0.0.1", "-p", Str(client[i]), "-m", Str(monitor[i]), "-js", "-sd", Path.Combine(_folder, $"nats{i}"),
                "-n", $"n{i}", "--cluster_name", "forewarn-test", "--cluster", $"nats://127.0.0.1:{cluster[i]}", "--routes", routes], null));
        }

        var fraud = Enumerable.Range(0, 4).Select(_ => Intake.NewFraudPhone()).ToList();
        foreach (var number in fraud)
        {
            await postgres.BlacklistAsync("phone", number);
            await oneProcess.BlacklistAsync("phone", number);
        }
        var subjects = Enumerable.Range(0, 40).Select(_ => Intake.NewPhone()).ToList();
        var batches = Input(subjects, fraud);
        var contacts = Contacts(subjects, fraud);
        var ids = batches.SelectMany(b => b).Select(i => (string)i["externalId"]!)
            .Concat(contacts.SelectMany(c => c.Hits)).ToList();

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
            ["Forewarn__Nats__AckWaitSeconds"] = "5",
            ["Forewarn__Nats__Batch"] = "16",
            ["Forewarn__Logging__Json"] = "true",
        };
        // The forewarn processes create a stream of three replicas: wait until the cluster has its JetStream meta leader.
        await Task.WhenAll(nodes.Select((node, i) => NatsReadyAsync(node, monitor[i])));
        var webs = new[] { Serve("web", env), Serve("web", env) };
        var workers = new[] { Serve("worker", env), Serve("worker", env), Serve("worker", env) };
        await Task.WhenAll(webs.Concat(workers).Select(ReadyAsync));
        // The three workers share the sixteen partitions between them, each owning a lease.
        await WaitForPartitionsAsync(workers, 16);

        var https = webs.Select(w => Source(w.Url!)).ToArray();
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
            var results = await SendUntilAcknowledgedAsync(https[b % 2], batches[b]);
            Assert.All(results, r => Assert.Contains(r.Status, new[] { "accepted", "duplicate" }));
            Assert.All(results, r => Assert.Null(r.WarningId));
            if (contacts.FirstOrDefault(c => c.AfterBatch == b) is { } file)
            {
                var counts = await PostContactsUntilAcknowledgedAsync(https[(b + 1) % 2], file.Csv, webs[(b + 1) % 2]);
                Assert.Equal(file.Hits.Count, counts.GetProperty("matched").GetInt64());
                Assert.Equal(file.Hits.Count, counts.GetProperty("signals").GetInt64() + counts.GetProperty("duplicates").GetInt64());
            }
        }
        using (var reference = oneProcess.SourceClient())
        {
            for (var b = 0; b < batches.Count; b++)
            {
                await oneProcess.SendAsync([.. batches[b]]);
                if (contacts.FirstOrDefault(c => c.AfterBatch == b) is { } file)
                {
                    (await reference.PostAsync("/api/v1/contacts", new StringContent(file.Csv, Encoding.UTF8, "text/csv"), Ct)).EnsureSuccessStatusCode();
                }
            }
        }

        var scaled = await WaitForAllAsync(postgres, ids);
        var expected = await GroupsAsync(oneProcess, ids);
        Assert.Equal(ids.Count, expected.Count);
        Assert.Equal(ids.Count, scaled.Count);
        Assert.Contains(expected.Groups, g => g.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Equal(expected.Groups, scaled.Groups);

        // The dead worker's partitions went to the two left.
        await WaitForPartitionsAsync(workers[1..], 16);
        // One process in all runs the city-wide background passes: one session holds the leader lease.
        Assert.Equal(1, await LeaderSessionsAsync());
        var leaders = 0;
        foreach (var process in webs.Concat(workers[1..]))
        {
            leaders += (int)await MetricAsync(process, "forewarn_leader");
        }
        Assert.Equal(1, leaders + (postgres.Services.GetRequiredService<Leadership>().IsLeader ? 1 : 0));

        // A blacklist change made by another process reaches the web processes (contact scanning) and the workers
        // (counterparty matching) within a second, by notification (the watermark is only polled every ten seconds).
        var late = Intake.NewFraudPhone();
        await postgres.BlacklistAsync("phone", late);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        var subject = Intake.NewPhone();
        var csv = $"subscriber,counterparty,kind,at,durationSeconds\n{subject},{late},call,{Intake.At(TimeSpan.FromMinutes(1))},60\n";
        for (var w = 0; w < https.Length; w++)
        {
            var counts = await PostContactsUntilAcknowledgedAsync(https[w], csv, webs[w]);
            Assert.Equal(1, counts.GetProperty("matched").GetInt64());
        }
        var call = Intake.Call(Intake.NewPhone(), late, 30, TimeSpan.FromMinutes(2));
        await SendUntilAcknowledgedAsync(https[0], [call]);
        Assert.True(await CounterpartyBlacklistedAsync((string)call["externalId"]!), "the worker correlated with a stale blacklist");
        foreach (var http in https)
        {
            http.Dispose();
        }
    }

    private sealed record ContactFile(int AfterBatch, string Csv, List<string> Hits);

    /// <summary>Two CSV files of contact records by the same subjects, about a third of them with a blacklisted counterparty.</summary>
    private static List<ContactFile> Contacts(List<string> subjects, List<string> fraud)
    {
        var random = new Random(11);
        var files = new List<ContactFile>();
        foreach (var (after, minutes) in new[] { (1, 45), (6, 5) })
        {
            var csv = new StringBuilder("subscriber,counterparty,kind,at,durationSeconds\n");
            var hits = new List<string>();
            foreach (var subject in subjects.Take(30))
            {
                var hit = random.Next(3) == 0;
                var counterparty = hit ? fraud[random.Next(fraud.Count)] : Intake.NewPhone();
                var kind = random.Next(2) == 0 ? "call" : "sms";
                var at = Intake.At(TimeSpan.FromMinutes(minutes));
                var duration = kind == "call" ? random.Next(10, 900).ToString(CultureInfo.InvariantCulture) : "";
                csv.Append(CultureInfo.InvariantCulture, $"{subject},{counterparty},{kind},{at},{duration}\n");
                if (hit)
                {
                    // The id the scan derives from the record itself (ContactScan.ToSignal).
                    var key = $"{subject}|{counterparty}|{kind}|{at}|{duration}";
                    hits.Add("contact-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]);
                }
            }
            files.Add(new ContactFile(after, csv.ToString(), hits));
        }
        return files;
    }

    /// <summary>Forty subjects, five calls each, oldest first, interleaved over batches of twenty; some counterparties blacklisted.</summary>
    private static List<List<JsonObject>> Input(List<string> subjects, List<string> fraud)
    {
        var random = new Random(9);
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

    private static HttpClient Source(string url)
    {
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ForewarnApp.ApiKey);
        return http;
    }

    private static async Task<JsonElement> PostContactsUntilAcknowledgedAsync(HttpClient http, string csv, Child web)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await http.PostAsync("/api/v1/contacts", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    await Task.Delay(200, Ct);
                    Assert.True(attempt < 30, $"contacts not acknowledged: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}\n{Errors(web)}");
                }
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                }
                Assert.True(attempt < 30, $"contacts not acknowledged: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}\n{Errors(web)}");
            }
            catch (HttpRequestException) when (attempt < 30)
            {
            }
            await Task.Delay(1000, Ct);
        }
    }

    /// <summary>The error lines a child logged (JSON console lines with level Error or worse).</summary>
    private static string Errors(Child child) => string.Join('\n', child.Output.Split('\n')
        .Where(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || l.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal)).TakeLast(5));

    private static async Task WaitForPartitionsAsync(IEnumerable<Child> workers, int partitions)
    {
        var clock = Stopwatch.StartNew();
        var owned = new Dictionary<string, double>();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var worker in workers)
            {
                owned[worker.Url!] = await MetricAsync(worker, "forewarn_partitions_owned");
            }
            // Every partition owned, none twice (a lease is an exclusive lock), and shared: no worker idle.
            if (owned.Values.Sum() == partitions && owned.Values.All(o => o > 0))
            {
                return;
            }
            await Task.Delay(500, Ct);
        }
        Assert.Fail($"partitions not shared out: {string.Join(", ", owned.Select(o => $"{o.Key}={o.Value}"))}");
    }

    private static async Task<double> MetricAsync(Child process, string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(process.Url!) };
        var text = await http.GetStringAsync("/metrics", Ct);
        return text.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture)).Sum();
    }

    private async Task<long> LeaderSessionsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("""
            select count(*) from pg_locks
            where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())
              and ((classid::bigint << 32) | objid::bigint) = @key
            """, connection);
        command.Parameters.AddWithValue("key", Leases.LeaderKey);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task<bool> CounterpartyBlacklistedAsync(string externalId)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var db = postgres.NewDbContext(out var scope);
            using (scope)
            {
                if (await db.Signals.IgnoreQueryFilters().Where(s => s.ExternalId == externalId).Select(s => (bool?)s.CounterpartyBlacklisted).SingleOrDefaultAsync(Ct) is { } flagged)
                {
                    return flagged;
                }
            }
            await Task.Delay(250, Ct);
        }
        Assert.Fail($"signal {externalId} was never stored");
        return false;
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

    private static async Task NatsReadyAsync(Child node, int monitorPort)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{monitorPort}"), Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < 240 && !node.Process.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync("/healthz", Ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !Ct.IsCancellationRequested)
            {
            }
            await Task.Delay(500, Ct);
        }
        Assert.Fail($"{node.Name} did not become ready:\n{node.Output}");
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
