using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Forewarn.Bench;

/// <summary>
/// The scale-out path (issue #9) with real processes on this machine: PostgreSQL, one nats-server with JetStream, and
/// <c>forewarn serve</c> processes. In the same run and on the same kind of input it measures signals stored and
/// correlated per second by (a) one in-process server (<c>--role all</c>, no NATS) and (b) one web process publishing to
/// JetStream with 1, then 2 worker processes consuming. The ratios are per worker against the in-process path.
/// Needs <c>FOREWARN_BENCH_POSTGRES</c> (or <c>FOREWARN_TEST_POSTGRES</c>), <c>/usr/sbin/nats-server</c> and a built forewarn.dll.
/// </summary>
internal static class ScaleOutStage
{
    private const string NatsServer = "/usr/sbin/nats-server";
    private const string Goal = "≥ 0.7 × in-process per worker";
    private const string ApiKey = "fw_bench_scaleout_0123456789abcdef0123456789abcdef";
    private static readonly string[] Configurations = ["Release", "Debug"];
    private static readonly int[] WorkerCounts = [1, 2];
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private static readonly string[] Ids = ["scaleout_inprocess", "scaleout_1w", "scaleout_2w", "scaleout_1w_ratio", "scaleout_2w_ratio"];

    public static async Task<List<Result>> RunAsync(string? serverDll, bool quick, string folder)
    {
        var signals = quick ? 4_000 : 20_000;
        var postgres = Environment.GetEnvironmentVariable("FOREWARN_BENCH_POSTGRES") is { Length: > 0 } b ? b
            : Environment.GetEnvironmentVariable("FOREWARN_TEST_POSTGRES");
        var dll = serverDll ?? (Repo.Root is { } root
            ? Configurations.Select(c => Path.Combine(root, "src", "Forewarn.Server", "bin", c, "net10.0", "forewarn.dll")).FirstOrDefault(File.Exists)
            : null);
        string? missing = postgres is null ? "set FOREWARN_BENCH_POSTGRES to a PostgreSQL connection string (a database is created and dropped)"
            : !File.Exists(NatsServer) ? $"{NatsServer} not found (apt-get install nats-server)"
            : dll is null ? "forewarn.dll not found — dotnet build -c Release src/Forewarn.Migrations.Postgres, or pass --server PATH"
            : !File.Exists(Path.Combine(Path.GetDirectoryName(dll)!, "Forewarn.Migrations.Postgres.dll")) ? $"Forewarn.Migrations.Postgres.dll is not beside {dll}"
            : null;
        if (missing is not null)
        {
            Console.WriteLine($"  scale-out stage not run: {missing}");
            return [.. Ids.Select(id => Result.NotRun(id, id.EndsWith("ratio", StringComparison.Ordinal) ? "×" : "signals/s", missing, id.EndsWith("ratio", StringComparison.Ordinal) ? Goal : null))];
        }

        var database = "forewarn_bench_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var server = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" }.ToString();
        var connection = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ToString();
        await ExecAsync(server, $"create database {database}");
        await using var children = new Children(Path.Combine(folder, "scaleout"));
        try
        {
            var env = new Dictionary<string, string>
            {
                ["Forewarn__Database__Provider"] = "Postgres",
                ["Forewarn__Database__ConnectionString"] = connection,
                ["Forewarn__Auth__KeyFile"] = Path.Combine(children.Folder, "signing.key"),
                ["Forewarn__Security__LookupKeyFile"] = Path.Combine(children.Folder, "lookup.key"),
                ["Forewarn__Security__AuditKeyFile"] = Path.Combine(children.Folder, "audit.key"),
                ["Forewarn__Security__DataKeyFile"] = Path.Combine(children.Folder, "data-keys.json"),
                ["Logging__LogLevel__Default"] = "Warning",
            };
            var migrate = children.Start("migrate", "dotnet", [dll!, "db", "migrate"], env, Path.GetDirectoryName(dll)!);
            await migrate.Process.WaitForExitAsync();
            if (migrate.Process.ExitCode != 0)
            {
                throw new InvalidOperationException("forewarn db migrate failed: " + migrate.Tail());
            }
            var clientId = await SeedClientAsync(connection);
            var random = new Random(Corpus.Seed);

            // (a) In-process: one server, no NATS; a batch is answered once stored and correlated. Every process is warmed up
            // with twice as many signals as are measured (some 80 requests: the runtime optimises a method after 30 calls,
            // and again, with what it learnt, after 30 more), then left a moment to finish compiling: fresh processes would
            // otherwise be measured while still compiling.
            var all = await children.ServeAsync(dll!, "all", env);
            var warm = await PostAsync(all.Url!, Input(random, 2 * signals, "inwarm"));
            await Task.Delay(Settle);
            var busy = BusySeconds();
            var serverBusy = CpuSeconds(all);
            var inprocess = await PostAsync(all.Url!, Input(random, signals, "inproc"));
            var inCpu = $"server {(CpuSeconds(all) - serverBusy) * 1000 / signals:0.00}, machine {(BusySeconds() - busy) * 1000 / signals:0.00} ms of CPU per signal";
            Console.WriteLine($"  in-process: {signals:N0} signals stored and correlated in {inprocess.TotalSeconds:0.0} s (after a warm-up of {2 * signals:N0} in {warm.TotalSeconds:0.0} s)");
            await Children.StopAsync(all);
            var inRate = signals / inprocess.TotalSeconds;

            // (b) JetStream: one web, 1 then 2 workers, each on its own stream.
            var natsPort = FreePort();
            var nats = children.Start("nats", NatsServer, ["-a", "127.0.0.1", "-p", natsPort.ToString(CultureInfo.InvariantCulture), "-js", "-sd", Path.Combine(children.Folder, "nats")], null, children.Folder);
            var rates = new Dictionary<int, double>();
            var cpu = new Dictionary<int, string>();
            foreach (var workers in WorkerCounts)
            {
                var natsEnv = new Dictionary<string, string>(env)
                {
                    ["Forewarn__Nats__Url"] = $"nats://127.0.0.1:{natsPort}",
                    ["Forewarn__Nats__Stream"] = $"BENCH_{workers}W",
                    ["Forewarn__Nats__Subject"] = $"bench{workers}w.signals",
                };
                var web = await children.ServeAsync(dll!, "web", natsEnv);
                var consumers = new List<Children.Child>();
                for (var w = 0; w < workers; w++)
                {
                    consumers.Add(await children.ServeAsync(dll!, "worker", natsEnv));
                }
                await WaitForPartitionsAsync(consumers);
                // Warm-up through the whole path, then the measured run: from the first request until the workers stored the last signal.
                var before = await CountAsync(connection, clientId);
                var warmup = Input(random, 2 * signals, $"warm{workers}");
                await PostAsync(web.Url!, warmup);
                await WaitForCountAsync(connection, clientId, before + warmup.Sum(x => x.Count));
                before += warmup.Sum(x => x.Count);
                await Task.Delay(Settle);
                var clock = Stopwatch.StartNew();
                busy = BusySeconds();
                var (webBusy, workersBusy, natsBusy) = (CpuSeconds(web), CpuSeconds([.. consumers]), CpuSeconds(nats));
                var published = await PostAsync(web.Url!, Input(random, signals, $"{workers}w"));
                await WaitForCountAsync(connection, clientId, before + signals);
                var elapsed = clock.Elapsed;
                double PerSignal(double seconds) => seconds * 1000 / signals;
                cpu[workers] = $"web {PerSignal(CpuSeconds(web) - webBusy):0.00}, worker{(workers > 1 ? "s" : "")} {PerSignal(CpuSeconds([.. consumers]) - workersBusy):0.00}, "
                    + $"NATS {PerSignal(CpuSeconds(nats) - natsBusy):0.00}, machine {PerSignal(BusySeconds() - busy):0.00} ms of CPU per signal";
                rates[workers] = signals / elapsed.TotalSeconds;
                Console.WriteLine($"  {workers} worker(s): published in {published.TotalSeconds:0.0} s ({signals / published.TotalSeconds:N0}/s acknowledged by JetStream), " +
                    $"all stored and correlated in {elapsed.TotalSeconds:0.0} s");
                foreach (var child in consumers.Prepend(web))
                {
                    await Children.StopAsync(child);
                }
            }
            // The machine is shared: say how busy it was, since every figure here is relative to it.
            var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "?";
            Console.WriteLine($"  load average at the end: {load} on {Environment.ProcessorCount} cores");
            return
            [
                new Result("scaleout_inprocess", inRate, "signals/s", Note: $"one serve --role all, PostgreSQL, no NATS; {inCpu}"),
                new Result("scaleout_1w", rates[1], "signals/s", Note: $"web → JetStream → 1 worker → PostgreSQL; {cpu[1]}"),
                new Result("scaleout_2w", rates[2], "signals/s", Note: $"web → JetStream → 2 workers → PostgreSQL; {cpu[2]}"),
                new Result("scaleout_1w_ratio", rates[1] / inRate, "×", Goal: Goal, Met: rates[1] / inRate >= 0.7),
                new Result("scaleout_2w_ratio", rates[2] / 2 / inRate, "×", Goal: Goal, Met: rates[2] / 2 / inRate >= 0.7,
                    Note: "per worker: (2-worker rate ÷ 2) ÷ in-process rate"),
            ];
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or NpgsqlException)
        {
            Console.WriteLine($"  scale-out stage failed: {e.Message}");
            return [Result.NotRun("scaleout_1w_ratio", "×", e.Message, Goal), Result.NotRun("scaleout_2w_ratio", "×", e.Message, Goal)];
        }
        finally
        {
            await children.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecAsync(server, $"drop database if exists {database} with (force)");
        }
    }

    /// <summary>
    /// CPU seconds the whole machine has spent busy (every process: server, workers, NATS, PostgreSQL, this client), from
    /// /proc/stat; 0 where there is none. Per signal it tells what each path costs, whatever the number of cores.
    /// </summary>
    private static double BusySeconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }
        // cpu  user nice system idle iowait irq softirq steal …, in clock ticks (100 a second on Linux).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Ticks(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return (Ticks(1) + Ticks(2) + Ticks(3) + Ticks(6) + Ticks(7) + Ticks(8)) / 100.0;
    }

    /// <summary>CPU seconds the given child processes have used so far.</summary>
    private static double CpuSeconds(params Children.Child[] children) => children.Sum(c =>
    {
        c.Process.Refresh();
        return c.Process.TotalProcessorTime.TotalSeconds;
    });

    /// <summary>Batches of 100 calls: subjects get ten calls each, oldest first, so correlation has history to read.</summary>
    private static List<List<JsonObject>> Input(Random random, int count, string tag)
    {
        var subjects = Enumerable.Range(0, Math.Max(1, count / 10)).Select(_ => "139" + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture)).ToArray();
        var now = DateTimeOffset.UtcNow;
        var items = new List<JsonObject>(count);
        for (var i = 0; i < count; i++)
        {
            var round = i / subjects.Length;
            items.Add(new JsonObject
            {
                ["externalId"] = $"bench-{tag}-{i}-{random.Next():x}",
                ["type"] = "call",
                ["occurredAt"] = (now - TimeSpan.FromMinutes(60 - round * 5)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                ["subject"] = new JsonObject { ["phone"] = subjects[i % subjects.Length] },
                ["counterparty"] = new JsonObject { ["phone"] = "138" + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture) },
                ["durationSeconds"] = random.Next(10, 1200),
            });
        }
        return [.. items.Chunk(100).Select(c => c.ToList())];
    }

    /// <summary>Sends every batch, four requests at a time, each until answered 200; the time until the last answer.</summary>
    private static async Task<TimeSpan> PostAsync(string url, List<List<JsonObject>> batches)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < batches.Count)
            {
                using var response = await http.PostAsJsonAsync("/api/v1/signals", new JsonArray([.. batches[i].Select(x => x.DeepClone())]));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new HttpRequestException($"POST /api/v1/signals answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        return clock.Elapsed;
    }

    private static async Task<int> SeedClientAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            insert into "ApiClients" ("Name", "KeyHash", "Scopes", "Disabled", "CreatedAt") values ('bench', @hash, 'signals contacts', false, now() at time zone 'utc')
            returning "Id"
            """, db);
        command.Parameters.AddWithValue("hash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))));
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> CountAsync(string connection, int clientId)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""select count(*) from "Signals" where "ClientId" = @c""", db);
        command.Parameters.AddWithValue("c", clientId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitForCountAsync(string connection, int clientId, long count)
    {
        var clock = Stopwatch.StartNew();
        while (await CountAsync(connection, clientId) < count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"the workers stored fewer than {count:N0} signals in 10 min");
            }
            await Task.Delay(50);
        }
    }

    private static async Task WaitForPartitionsAsync(List<Children.Child> workers)
    {
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var owned = new List<double>();
            foreach (var worker in workers)
            {
                var text = await http.GetStringAsync(worker.Url + "/metrics");
                owned.Add(text.Split('\n').Where(l => l.StartsWith("forewarn_partitions_owned", StringComparison.Ordinal))
                    .Select(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture)).Sum());
            }
            if (owned.Sum() == 16 && owned.All(o => o > 0))
            {
                return;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("the workers did not share the 16 partitions within 2 min");
    }

    private static async Task ExecAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The stage's child processes; every one is killed when the stage ends, whatever happened.</summary>
    private sealed class Children(string folder) : IAsyncDisposable
    {
        private readonly List<Child> _all = [];

        public string Folder { get; } = Directory.CreateDirectory(folder).FullName;

        public sealed class Child(string name, Process process)
        {
            private readonly Queue<string> _tail = new();

            public string Name { get; } = name;
            public Process Process { get; } = process;
            public string? Url { get; set; }

            public void Append(string? line)
            {
                if (line is null)
                {
                    return;
                }
                lock (_tail)
                {
                    _tail.Enqueue(line);
                    if (_tail.Count > 30)
                    {
                        _tail.Dequeue();
                    }
                }
            }

            public string Tail()
            {
                lock (_tail)
                {
                    return string.Join('\n', _tail);
                }
            }
        }

        public Child Start(string name, string file, string[] args, Dictionary<string, string>? env, string workingDirectory)
        {
            var info = new ProcessStartInfo(file, args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var (key, value) in env ?? [])
            {
                info.Environment[key] = value;
            }
            var child = new Child(name, Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}"));
            child.Process.OutputDataReceived += (_, e) => child.Append(e.Data);
            child.Process.ErrorDataReceived += (_, e) => child.Append(e.Data);
            child.Process.BeginOutputReadLine();
            child.Process.BeginErrorReadLine();
            lock (_all)
            {
                _all.Add(child);
            }
            return child;
        }

        public async Task<Child> ServeAsync(string dll, string role, Dictionary<string, string> env)
        {
            var url = $"http://127.0.0.1:{FreePort()}";
            var child = Start(role, "dotnet", [dll, "serve", "--role", role, "--urls", url], env, Path.GetDirectoryName(dll)!);
            child.Url = url;
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(3) && !child.Process.HasExited)
            {
                try
                {
                    if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                    {
                        return child;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }
                await Task.Delay(250);
            }
            throw new InvalidOperationException($"{role} did not become ready: {child.Tail()}");
        }

        public static async Task StopAsync(Child child)
        {
            if (!child.Process.HasExited)
            {
                child.Process.Kill(entireProcessTree: true);
            }
            await child.Process.WaitForExitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            List<Child> all;
            lock (_all)
            {
                all = [.. _all];
                _all.Clear();
            }
            foreach (var child in all)
            {
                try
                {
                    await StopAsync(child);
                }
                catch (InvalidOperationException)
                {
                }
                child.Process.Dispose();
            }
        }
    }
}
