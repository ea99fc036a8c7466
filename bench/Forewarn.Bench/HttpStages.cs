using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Forewarn.Bench;

/// <summary>
/// Stages through a real server process on loopback: indicator import, streamed contact intake and single-signal
/// latency at a target rate. Every stage is bounded in count and time; when the server can't start or answers
/// errors the stage reports why instead of a number.
/// </summary>
internal static class HttpStages
{
    public const string Password = "Bench-Pass-2026";
    public const string ApiKey = "fw_bench_key";

    private const string ContactsGoal = "≥ 1,000,000 records/s";
    private const string SignalGoal = "≤ 50 ms at 5,000/s";

    private static readonly string[] Configurations = ["Release", "Debug"];

    public static async Task<List<Result>> RunAsync(Corpus corpus, string? serverDll, double? parseRate)
    {
        var results = new List<Result>();
        List<Result> Skip(string reason)
        {
            Console.WriteLine($"  server stage not run: {reason}");
            string[] ids = ["indicators_import_http", "contacts_http", "signal_p99_ms", "signal_rate", "signal_p99_ms_1000", "signal_p99_ms_batched"];
            foreach (var id in ids.Where(id => results.All(r => r.Id != id)))
            {
                results.Add(id switch
                {
                    "indicators_import_http" => Result.NotRun(id, "rows/s", reason),
                    "contacts_http" => Result.NotRun(id, "records/s", reason, ContactsGoal),
                    "signal_p99_ms" => Result.NotRun(id, "ms", reason, SignalGoal),
                    "signal_p99_ms_1000" or "signal_p99_ms_batched" => Result.NotRun(id, "ms", reason),
                    _ => Result.NotRun(id, "requests/s", reason),
                });
            }
            return results;
        }

        const string build = "build it with `dotnet build -c Release src/Forewarn.Migrations.Sqlite` (builds the server and copies the migrations beside it) or pass --server PATH";
        var dll = serverDll ?? FindServer();
        if (dll is null || !File.Exists(dll))
        {
            return Skip($"forewarn.dll not found{(dll is null ? "" : " at " + dll)} — {build}");
        }
        if (!File.Exists(Path.Combine(Path.GetDirectoryName(dll)!, "Forewarn.Migrations.Sqlite.dll")))
        {
            return Skip($"Forewarn.Migrations.Sqlite.dll is not beside {dll} — {build}");
        }
        await using var server = await ServerProcess.StartAsync(dll, Path.Combine(corpus.Folder, "server"));
        if (server.Failure is { } failure)
        {
            return Skip(failure);
        }
        Console.WriteLine($"  server up at {server.Url} in {server.StartSeconds:0.0} s (log: {server.LogPath})");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseProxy = false, UseCookies = false })
        {
            BaseAddress = new Uri(server.Url),
            Timeout = Timeout.InfiniteTimeSpan,
        };

        // Staff token for the import.
        using var tokenResponse = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "city.analyst", password = Password });
        if (!tokenResponse.IsSuccessStatusCode)
        {
            return Skip($"POST /api/v1/auth/token answered {await Describe(tokenResponse)}");
        }
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        var import = await ImportAsync(http, token!, corpus);
        if (import.Failure is not null)
        {
            return Skip(import.Failure);
        }
        results.Add(import.Result!);

        var probeFailure = await WaitForBlacklistAsync(http, corpus);
        if (probeFailure is not null)
        {
            return Skip(probeFailure);
        }
        var contacts = await ContactsAsync(http, corpus, parseRate, server);
        if (contacts.Failure is not null)
        {
            return Skip(contacts.Failure);
        }
        results.Add(contacts.Result!);

        var signals = await SignalsAsync(http, corpus, server);
        if (signals.Failure is not null)
        {
            return Skip(signals.Failure);
        }
        results.AddRange(signals.Results!);
        return results;
    }

    private static string? FindServer()
    {
        if (Repo.Root is not { } root)
        {
            return null;
        }
        return Configurations
            .Select(c => Path.Combine(root, "src", "Forewarn.Server", "bin", c, "net10.0", "forewarn.dll"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The phones the records hit first (so the hit count is checkable), then the corpus from index 0, capped in count and time.</summary>
    private static async Task<(Result? Result, string? Failure)> ImportAsync(HttpClient http, string token, Corpus corpus)
    {
        const int chunk = 5_000;
        var cap = Math.Max(corpus.Scale.HttpIndicators, corpus.HitTargets.Count);
        var deadline = TimeSpan.FromSeconds(corpus.Scale.Mode == "quick" ? 60 : 300);
        var indexes = corpus.HitTargets.Concat(Enumerable.Range(0, corpus.Scale.Indicators).Select(i => (long)i)).Take(cap);
        long sent = 0, added = 0, updated = 0, rejected = 0;
        var clock = Stopwatch.StartNew();
        foreach (var batch in indexes.Chunk(chunk))
        {
            var csv = new StringBuilder(Corpus.IndicatorsHeader).Append('\n');
            foreach (var i in batch)
            {
                csv.Append(Corpus.CsvLine(Corpus.Indicator(i))).Append('\n');
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/indicators/import")
            {
                Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"POST /api/v1/indicators/import answered {await Describe(response)}");
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            added += body.GetProperty("added").GetInt64();
            updated += body.GetProperty("updated").GetInt64();
            rejected += body.GetProperty("rejected").GetInt64();
            sent += batch.Length;
            if (clock.Elapsed > deadline)
            {
                break;
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return (new Result("indicators_import_http", sent / seconds, "rows/s",
            Note: $"{sent:N0} of {corpus.Scale.Indicators:N0} indicators imported ({added:N0} added, {updated:N0} updated, {rejected:N0} rejected), " +
            $"{chunk:N0} per request, capped at {cap:N0} rows / {deadline.TotalSeconds:N0} s; all {corpus.HitTargets.Count:N0} hit phones first"), null);
    }

    /// <summary>The server rebuilds its blacklist in the background after an import: wait until a known hit matches.</summary>
    private static async Task<string?> WaitForBlacklistAsync(HttpClient http, Corpus corpus)
    {
        if (corpus.HitTargets.Count == 0)
        {
            return "the corpus has no hits to probe with";
        }
        var phone = Corpus.Indicator(corpus.HitTargets[0]).Value;
        http.DefaultRequestHeaders.Remove("X-Api-Key");
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; clock.Elapsed < TimeSpan.FromSeconds(30); attempt++)
        {
            var csv = $"{Corpus.ContactsHeader}\n13800000000,{phone},call,2026-11-01T08:00:{attempt % 60:D2}+08:00,{attempt}\n";
            using var response = await http.PostAsync("/api/v1/contacts", Csv(csv));
            if (!response.IsSuccessStatusCode)
            {
                return $"POST /api/v1/contacts (probe) answered {await Describe(response)}";
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (body.GetProperty("matched").GetInt64() > 0)
            {
                return null;
            }
            await Task.Delay(500);
        }
        return "the server matched none of 30 s of probes against an imported blacklisted phone — its blacklist never loaded (engine stubs?)";
    }

    private static async Task<(Result? Result, string? Failure)> ContactsAsync(HttpClient http, Corpus corpus, double? parseRate, ServerProcess server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(corpus.Scale.Mode == "quick" ? 5 : 30));
        // Warm-up, not measured, as for single signals: a server in service has compiled its scan and its warning path
        // (a fresh one spent about a second of the measured upload on that). Other subscribers than the measured file's,
        // so the measured hits open their own warnings as they would have.
        var warmUp = new StringBuilder(Corpus.ContactsHeader).Append('\n');
        foreach (var line in File.ReadLines(corpus.ContactsCsv).Skip(1).Take(100_000))
        {
            var shifted = (long.Parse(line.AsSpan(3, 8), CultureInfo.InvariantCulture) + 12_345_678) % 100_000_000;
            warmUp.Append(line.AsSpan(0, 3)).Append(shifted.ToString("D8", CultureInfo.InvariantCulture)).Append(line.AsSpan(11)).Append('\n');
        }
        using (var warm = await http.PostAsync("/api/v1/contacts", new StringContent(warmUp.ToString(), Encoding.UTF8, "text/csv"), timeout.Token))
        {
            if (!warm.IsSuccessStatusCode)
            {
                return (null, $"POST /api/v1/contacts (warm-up) answered {await Describe(warm)}");
            }
        }
        await using var file = new FileStream(corpus.ContactsCsv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        // This process holds the whole corpus: collect now, so that its own collector does not pause the upload.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var (serverCpu, clientCpu) = (server.CpuSeconds, OwnCpuSeconds());
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync("/api/v1/contacts", content, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return (null, $"POST /api/v1/contacts did not answer within {clock.Elapsed.TotalMinutes:N0} min");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"POST /api/v1/contacts answered {await Describe(response)}");
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var seconds = clock.Elapsed.TotalSeconds;
            serverCpu = server.CpuSeconds - serverCpu;
            clientCpu = OwnCpuSeconds() - clientCpu;
            var received = body.GetProperty("received").GetInt64();
            var matched = body.GetProperty("matched").GetInt64();
            var rate = received / seconds;
            var checks = (received == corpus.Scale.Records ? "" : $" — expected {corpus.Scale.Records:N0} received")
                + (matched == corpus.ExpectedHits ? "" : $" — expected {corpus.ExpectedHits:N0} matched");
            return (new Result("contacts_http", rate, "records/s", parseRate, "raw_csv_parse", ContactsGoal, rate >= 1_000_000,
                $"{received:N0} received, {matched:N0} matched, {body.GetProperty("signals").GetInt64():N0} signals, " +
                $"{body.GetProperty("duplicates").GetInt64():N0} duplicates, {body.GetProperty("rejected").GetInt64():N0} rejected in {seconds:0.0} s; " +
                $"{new FileInfo(corpus.ContactsCsv).Length / 1048576.0:N0} MB streamed over loopback; CPU: server {serverCpu:0.00} s, this client {clientCpu:0.00} s" + checks), null);
        }
    }

    /// <summary>
    /// A lighter load than the goal's, offered first for the same time: what a source client sees when the server keeps
    /// up. The intake's groups are small then, so each request carries more of a group's fixed cost.
    /// </summary>
    private const int LightRate = 1_000;

    /// <summary>
    /// Signals a request in the last phase, offered at the goal's signal rate: five sources of 1,000 signals/s, say, each
    /// posting what it has every 10 ms. A signal's latency counts from its request's due time, as in the other phases.
    /// </summary>
    private const int BatchedItems = 10;

    /// <summary>
    /// Open-loop load: request i is due at i ÷ rate seconds, and its latency counts from then, so a server that
    /// falls behind shows it in the percentiles instead of slowing the sender. First at <see cref="LightRate"/>, then at
    /// the goal's rate.
    /// </summary>
    private static async Task<(List<Result>? Results, string? Failure)> SignalsAsync(HttpClient http, Corpus corpus, ServerProcess server)
    {
        var random = new Random(Corpus.Seed + 3);
        var occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        byte[] Body(string id, int count = 1)
        {
            var items = new List<string>(count);
            for (var k = 0; k < count; k++)
            {
                var subject = "139" + random.Next(10_000).ToString("D8", CultureInfo.InvariantCulture);
                var counterparty = random.Next(10) == 0
                    ? Corpus.Indicator(corpus.HitTargets[random.Next(corpus.HitTargets.Count)]).Value
                    : "186" + random.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture);
                items.Add($$"""{"externalId":"{{id}}{{(count == 1 ? "" : "-" + k)}}","type":"call","occurredAt":"{{occurredAt}}","subject":{"phone":"{{subject}}"},"counterparty":{"phone":"{{counterparty}}"},"durationSeconds":{{random.Next(1, 1_800)}}}""");
            }
            return Encoding.UTF8.GetBytes("[" + string.Join(',', items) + "]");
        }
        var json = new MediaTypeHeaderValue("application/json");
        http.DefaultRequestHeaders.Remove("X-Api-Key");
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        // Warm-up, not measured: a server in service is past JIT tiering and has its connections open.
        const int warmUp = 2_000;
        var warmBodies = Enumerable.Range(0, warmUp).Select(i => Body($"bench-warm-{i}")).ToArray();
        var warmFailures = new string?[warmUp];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < warmUp)
            {
                warmFailures[i] = (await SendAsync(http, warmBodies[i], json, CancellationToken.None)).Failure;
            }
        })));
        if (warmFailures.FirstOrDefault(f => f is not null) is { } warmFailure)
        {
            return (null, $"POST /api/v1/signals (warm-up) {warmFailure}");
        }

        var seconds = corpus.Scale.SignalSeconds;
        var light = await OfferAsync(LightRate, "bench-light");
        if (light.Failure is not null)
        {
            return (null, light.Failure);
        }
        var goal = await OfferAsync(corpus.Scale.SignalRate, "bench");
        if (goal.Failure is not null)
        {
            return (null, goal.Failure);
        }
        var batched = await OfferAsync(corpus.Scale.SignalRate / BatchedItems, "bench-batched", BatchedItems);
        if (batched.Failure is not null)
        {
            return (null, batched.Failure);
        }
        var atGoalRate = corpus.Scale.SignalRate >= 5_000;
        return (
        [
            new("signal_p99_ms", goal.P99, "ms", Goal: SignalGoal,
                Met: atGoalRate ? goal.P99 <= 50 && goal.Clean && goal.Achieved >= 0.95 * 5_000 : null,
                Note: goal.Note + (atGoalRate ? "" : "; goal is at 5,000/s, this run's target is lower")),
            new("signal_rate", goal.Achieved, "requests/s", corpus.Scale.SignalRate, "target rate"),
            new("signal_p99_ms_1000", light.P99, "ms", Note: light.Note),
            new("signal_p99_ms_batched", batched.P99, "ms", Note: batched.Note),
        ], null);

        // Offers requests of `items` signals at a steady rate (open loop: each is sent when due, answered or not) for the stage's time.
        async Task<(double P99, double Achieved, bool Clean, string Note, string? Failure)> OfferAsync(int rate, string prefix, int items = 1)
        {
            var total = rate * seconds;
            var bodies = Enumerable.Range(0, total).Select(i => Body($"{prefix}-{i}", items)).ToArray();
            var latencies = new double[total];
            var failures = new string?[total];
            var warnings = 0;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 60));
            var tasks = new Task[total];
            var (serverCpu, clientCpu) = (server.CpuSeconds, OwnCpuSeconds());
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < total; i++)
            {
                var due = (double)i / rate;
                var wait = due - Stopwatch.GetElapsedTime(start).TotalSeconds;
                if (wait > 0.001)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait));
                }
                var n = i;
                tasks[i] = Task.Run(async () =>
                {
                    var (ok, warning, failure) = await SendAsync(http, bodies[n], json, stop.Token);
                    latencies[n] = (Stopwatch.GetElapsedTime(start).TotalSeconds - due) * 1000;
                    failures[n] = ok ? null : failure;
                    if (warning)
                    {
                        Interlocked.Increment(ref warnings);
                    }
                });
            }
            await Task.WhenAll(tasks);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            serverCpu = server.CpuSeconds - serverCpu;
            clientCpu = OwnCpuSeconds() - clientCpu;

            var good = latencies.Where((_, i) => failures[i] is null).Order().ToArray();
            var errors = failures.Where(f => f is not null).GroupBy(f => f!).OrderByDescending(g => g.Count()).ToArray();
            var errorCount = errors.Sum(g => g.Count());
            if (good.Length < total / 2)
            {
                return (0, 0, false, "", $"POST /api/v1/signals failed {errorCount:N0} of {total:N0} times at {rate:N0}/s, e.g. {errors[0].Key}");
            }
            var achieved = good.Length / elapsed;
            double P(double q) => good[Math.Min(good.Length - 1, (int)Math.Ceiling(q * good.Length) - 1)];
            var errorNote = errorCount == 0 ? "no errors" : $"{errorCount:N0} errors, e.g. {errors[0].Key}";
            var note = (items == 1 ? $"single-item POST /api/v1/signals, target {rate:N0}/s" : $"POST /api/v1/signals of {items} signals, target {rate:N0} requests/s = {rate * items:N0} signals/s") +
                $" for {seconds} s, achieved {achieved:N0} requests/s; " +
                $"p50 {P(0.50):0.0} ms, p90 {P(0.90):0.0} ms, max {good[^1]:0.0} ms; {good.Length:N0} ok, {errorNote}; {warnings:N0} answered with a warning{(items == 1 ? "" : " among their signals")}; " +
                $"CPU a request: server {serverCpu * 1000 / total:0.00} ms, this load generator {clientCpu * 1000 / total:0.00} ms ({(serverCpu + clientCpu) / elapsed:0.0} cores busy)";
            return (P(0.99), achieved, errorCount == 0, note, null);
        }
    }

    private static async Task<(bool Ok, bool Warning, string? Failure)> SendAsync(HttpClient http, byte[] body, MediaTypeHeaderValue type, CancellationToken ct)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = type;
            using var response = await http.PostAsync("/api/v1/signals", content, ct);
            if (!response.IsSuccessStatusCode)
            {
                return (false, false, "answered " + await Describe(response));
            }
            var warning = false;
            foreach (var item in (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("results").EnumerateArray())
            {
                var status = item.GetProperty("status").GetString();
                if (status is not ("accepted" or "duplicate"))
                {
                    return (false, false, $"answered 200 with an item {status}: {item.GetRawText()[..Math.Min(300, item.GetRawText().Length)]}");
                }
                warning |= item.TryGetProperty("warningId", out var w) && w.ValueKind == JsonValueKind.Number;
            }
            return (true, warning, null);
        }
        catch (OperationCanceledException)
        {
            return (false, false, "timed out");
        }
        catch (HttpRequestException e)
        {
            return (false, false, "failed: " + e.Message);
        }
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<string> Describe(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return $"{(int)response.StatusCode} {response.StatusCode}: {(body.Length > 300 ? body[..300] + "…" : body)}";
    }

    /// <summary>CPU seconds this process (the load generator) has used so far.</summary>
    private static double OwnCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
