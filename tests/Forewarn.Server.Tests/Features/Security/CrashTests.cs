using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forewarn.Server.Tests.Features.Demo;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>
/// The crash harness: the real <c>forewarn</c> process on SQLite takes signals and is SIGKILLed at random moments, again
/// and again (6 cycles in CI; <c>FOREWARN_CRASH_CYCLES=200</c> for the full run). After a final restart, every signal it
/// acknowledged with a 2xx is stored exactly once, replays of acknowledged ones stay single, the database passes
/// <c>PRAGMA integrity_check</c> and <c>foreign_key_check</c>, and the audit chain still verifies.
/// </summary>
[Collection(nameof(CrashTests))]
public sealed class CrashTests
{
    private const string ApiKey = "fw_crash_test_key_0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signals_acknowledged_before_a_sigkill_are_stored_exactly_once_and_the_audit_chain_verifies()
    {
        // CI runs a few cycles; the full run sets FOREWARN_CRASH_CYCLES (200 or more).
        var planned = Figures.FromEnvironment("FOREWARN_CRASH_CYCLES", 6);
        // A full run on a busy machine may be given a time budget (FOREWARN_CRASH_MINUTES): it then stops starting cycles
        // when the budget is spent and reports how many it did.
        var budget = TimeSpan.FromMinutes(Figures.FromEnvironment("FOREWARN_CRASH_MINUTES", int.MaxValue / 120));
        var data = Directory.CreateTempSubdirectory("forewarn-crash-").FullName;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var acknowledged = new HashSet<string>();
        var acknowledgedList = new List<string>();
        var cycles = 0;
        var sent = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            // The first run seeds the city (demo, no simulator); every later run is `serve` on the same folder.
            for (var cycle = 0; cycle < planned && (cycle < 6 || clock.Elapsed < budget); cycle++)
            {
                var (process, http) = await StartAsync(data, demo: cycle == 0);
                using (process)
                using (http)
                try
                {
                    // The first request after a start is slow (JIT, blacklist load): wait for it, so every cycle kills under load.
                    var warmUp = Intake.NewId();
                    Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/v1/signals", new JsonArray(Item(warmUp)), Ct)).StatusCode);
                    Acknowledge(warmUp);

                    using var stop = new CancellationTokenSource();
                    var senders = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
                    {
                        while (!stop.IsCancellationRequested)
                        {
                            List<string> replays;
                            lock (acknowledged)
                            {
                                replays = acknowledgedList.Count == 0 ? [] : [acknowledgedList[Random.Shared.Next(acknowledgedList.Count)]];
                            }
                            var fresh = Enumerable.Range(0, Random.Shared.Next(1, 6)).Select(_ => Intake.NewId()).ToList();
                            var batch = new JsonArray([.. fresh.Concat(replays).Select(id => (JsonNode)Item(id))]);
                            Interlocked.Add(ref sent, fresh.Count);
                            try
                            {
                                var response = await http.PostAsJsonAsync("/api/v1/signals", batch, CancellationToken.None);
                                if (response.IsSuccessStatusCode)
                                {
                                    var results = (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("results");
                                    foreach (var r in results.EnumerateArray().Where(r => r.GetProperty("status").GetString() is "accepted" or "duplicate"))
                                    {
                                        Acknowledge(r.GetProperty("externalId").GetString()!);
                                    }
                                }
                            }
                            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or JsonException or System.Net.Sockets.SocketException)
                            {
                                // The process died mid-request: not acknowledged, so it may or may not be stored.
                            }
                        }
                    })).ToList();

                    await Task.Delay(random.Next(500, 3000), Ct);
                    process.Kill();  // SIGKILL: no shutdown, no flush.
                    await process.WaitForExitAsync(Ct);
                    await stop.CancelAsync();
                    await Task.WhenAll(senders);
                    cycles++;
                    if (cycles % 10 == 0)
                    {
                        Console.WriteLine($"crash harness: {cycles}/{planned} cycles, {acknowledged.Count} acknowledged, {clock.Elapsed.TotalMinutes:F1} min");
                    }
                }
                finally
                {
                    if (!process.HasExited)
                    {
                        process.Kill();
                    }
                }
            }

            Assert.True(cycles == planned || clock.Elapsed >= budget, $"{cycles} of {planned} cycles");
            Assert.True(acknowledged.Count > 20, $"only {acknowledged.Count} signals were acknowledged (seed {seed})");

            // The final restart: the server comes back on the killed database and knows every acknowledged id it is asked about.
            var replayed = acknowledgedList.OrderBy(_ => random.Next()).Take(50).ToList();
            var (last, lastHttp) = await StartAsync(data, demo: false);
            using (last)
            using (lastHttp)
            {
                var answer = await lastHttp.PostAsJsonAsync("/api/v1/signals", new JsonArray([.. replayed.Select(id => (JsonNode)Item(id))]), Ct);
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                var statuses = (await answer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
                Assert.True(statuses.All(s => s == "duplicate"), $"replays after the final restart: {string.Join(", ", statuses.Distinct())} (seed {seed})");
                last.Kill();
                await last.WaitForExitAsync(Ct);
            }

            var counts = new Dictionary<string, long>();
            string integrity;
            long foreignKeyProblems;
            await using (var db = new SqliteConnection($"Data Source={Path.Combine(data, "forewarn.db")};Pooling=False"))
            {
                await db.OpenAsync(Ct);
                await using var command = db.CreateCommand();
                command.CommandText = "PRAGMA integrity_check";
                integrity = string.Join("; ", await ReadAllAsync(command));
                command.CommandText = "PRAGMA foreign_key_check";
                foreignKeyProblems = (await ReadAllAsync(command)).Count;
                command.CommandText = "SELECT ExternalId, COUNT(*) FROM Signals GROUP BY ExternalId";
                await using var reader = await command.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    counts[reader.GetString(0)] = reader.GetInt64(1);
                }
            }
            var missing = acknowledged.Where(id => !counts.ContainsKey(id)).ToList();
            var doubled = counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();
            var verify = await ForewarnProcess.RunAsync("audit", "verify", "--data", data);
            Figures.Report("crash harness (SQLite, real process, SIGKILL)", ("cycles_planned", planned), ("cycles", cycles), ("sigkills", cycles), ("signals_sent", sent),
                ("acknowledged", acknowledged.Count), ("lost", missing.Count), ("doubled", doubled.Count), ("integrity_check", integrity),
                ("foreign_key_problems", foreignKeyProblems), ("audit_verify_exit", verify.ExitCode), ("minutes", Math.Round(clock.Elapsed.TotalMinutes, 1)), ("seed", seed));
            Assert.True(missing.Count == 0, $"{missing.Count} acknowledged signals lost after {cycles} SIGKILLs (seed {seed}), e.g. {string.Join(", ", missing.Take(5))}");
            Assert.True(doubled.Count == 0, $"{doubled.Count} signals stored twice (seed {seed})");
            Assert.True(integrity == "ok", $"PRAGMA integrity_check after {cycles} SIGKILLs: {integrity} (seed {seed})");
            Assert.Equal(0, foreignKeyProblems);
            Assert.True(verify.ExitCode == 0, $"seed {seed}: {verify.Output}");
            TestContext.Current.TestOutputHelper?.WriteLine(verify.Output.Trim());
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        void Acknowledge(string id)
        {
            lock (acknowledged)
            {
                if (acknowledged.Add(id))
                {
                    acknowledgedList.Add(id);
                }
            }
        }
    }

    private static async Task<(Process Process, HttpClient Http)> StartAsync(string data, bool demo)
    {
        var url = $"http://127.0.0.1:{DemoCommandTests.FreePort()}";
        string[] args = demo ? ["demo", "--simulate=false", "--urls", url, "--data", data] : ["serve", "--urls", url, "--data", data];
        var start = ForewarnProcess.StartInfo(args);
        start.Environment["FOREWARN_DEMO_API_KEY"] = ApiKey;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Generous: the machine running the tests may be busy with other work.
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        try
        {
            await WaitHealthyAsync(http, process);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            http.Dispose();
            throw;
        }
        return (process, http);
    }

    private static async Task<List<string>> ReadAllAsync(SqliteCommand command)
    {
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.IsDBNull(0) ? "" : reader.GetValue(0).ToString()!);
        }
        return rows;
    }

    private static JsonObject Item(string id)
    {
        var item = Intake.Call(Intake.NewPhone(), Intake.NewFraudPhone(), 120, TimeSpan.FromMinutes(1), new { lat = Intake.Yubei.Lat, lon = Intake.Yubei.Lon });
        item["externalId"] = id;
        return item;
    }

    private static async Task WaitHealthyAsync(HttpClient http, Process process)
    {
        // The demo seeds a whole city first: on a busy machine that takes minutes.
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(10) && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/healthz", Ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !Ct.IsCancellationRequested))
            {
            }
            await Task.Delay(500, Ct);
        }
        Assert.Fail($"forewarn did not become healthy in {waited.Elapsed.TotalSeconds:F0} s (exited: {process.HasExited})");
    }
}

/// <summary>The harness seeds a demo city and restarts a process again and again: it runs alone, after everything else, so it
/// neither starves the other process tests (the demo command's start-up budget) nor is starved by them.</summary>
[CollectionDefinition(nameof(CrashTests), DisableParallelization = true)]
public sealed class CrashTestsCollection;
