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
/// and again. Every signal it acknowledged with a 2xx is stored exactly once, replays of acknowledged ones stay single,
/// and the audit chain still verifies.
/// </summary>
[Collection(nameof(CrashTests))]
public sealed class CrashTests
{
    private const string ApiKey = "fw_crash_test_key_0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signals_acknowledged_before_a_sigkill_are_stored_exactly_once_and_the_audit_chain_verifies()
    {
        var data = Directory.CreateTempSubdirectory("forewarn-crash-").FullName;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var acknowledged = new HashSet<string>();
        var cycles = 0;
        var sent = 0;
        try
        {
            // The first run seeds the city (demo, no simulator); every later run is `serve` on the same folder.
            for (var cycle = 0; cycle < 6; cycle++)
            {
                var url = $"http://127.0.0.1:{DemoCommandTests.FreePort()}";
                string[] args = cycle == 0 ? ["demo", "--simulate=false", "--urls", url, "--data", data] : ["serve", "--urls", url, "--data", data];
                var start = ForewarnProcess.StartInfo(args);
                start.Environment["FOREWARN_DEMO_API_KEY"] = ApiKey;
                using var process = Process.Start(start)!;
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(20) };
                http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
                await WaitHealthyAsync(http, process);
                // The first request after a start is slow (JIT, blacklist load): wait for it, so every cycle kills under load.
                var warmUp = Intake.NewId();
                Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/v1/signals", new JsonArray(Item(warmUp)), Ct)).StatusCode);
                acknowledged.Add(warmUp);

                using var stop = new CancellationTokenSource();
                var senders = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        List<string> replays;
                        lock (acknowledged)
                        {
                            replays = acknowledged.Count == 0 ? [] : [acknowledged.ElementAt(Random.Shared.Next(acknowledged.Count))];
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
                                lock (acknowledged)
                                {
                                    foreach (var r in results.EnumerateArray().Where(r => r.GetProperty("status").GetString() is "accepted" or "duplicate"))
                                    {
                                        acknowledged.Add(r.GetProperty("externalId").GetString()!);
                                    }
                                }
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
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
            }

            Assert.True(cycles >= 5);
            Assert.True(acknowledged.Count > 20, $"only {acknowledged.Count} signals were acknowledged (seed {seed})");
            var counts = new Dictionary<string, long>();
            await using (var db = new SqliteConnection($"Data Source={Path.Combine(data, "forewarn.db")};Pooling=False"))
            {
                await db.OpenAsync(Ct);
                await using var command = db.CreateCommand();
                command.CommandText = "SELECT ExternalId, COUNT(*) FROM Signals GROUP BY ExternalId";
                await using var reader = await command.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    counts[reader.GetString(0)] = reader.GetInt64(1);
                }
            }
            var missing = acknowledged.Where(id => !counts.ContainsKey(id)).ToList();
            var doubled = counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} acknowledged signals lost after {cycles} SIGKILLs (seed {seed}), e.g. {string.Join(", ", missing.Take(5))}");
            Assert.True(doubled.Count == 0, $"{doubled.Count} signals stored twice (seed {seed})");

            var verify = await ForewarnProcess.RunAsync("audit", "verify", "--data", data);
            Assert.True(verify.ExitCode == 0, $"seed {seed}: {verify.Output}");
            TestContext.Current.TestOutputHelper?.WriteLine($"{cycles} SIGKILLs, {sent} signals sent, {acknowledged.Count} acknowledged, all stored once; {verify.Output.Trim()} (seed {seed})");
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
    }

    private static JsonObject Item(string id)
    {
        var item = Intake.Call(Intake.NewPhone(), Intake.NewFraudPhone(), 120, TimeSpan.FromMinutes(1), new { lat = Intake.Yubei.Lat, lon = Intake.Yubei.Lon });
        item["externalId"] = id;
        return item;
    }

    private static async Task WaitHealthyAsync(HttpClient http, Process process)
    {
        for (var i = 0; i < 360 && !process.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync("/healthz", Ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500, Ct);
        }
        Assert.Fail($"forewarn did not become healthy (exited: {process.HasExited})");
    }
}

/// <summary>The harness seeds a demo city and restarts a process six times: it runs alone, after everything else, so it
/// neither starves the other process tests (the demo command's start-up budget) nor is starved by them.</summary>
[CollectionDefinition(nameof(CrashTests), DisableParallelization = true)]
public sealed class CrashTestsCollection;
