using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forewarn.Server.Data;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>
/// The crash harness: the real <c>forewarn</c> process takes signals and is SIGKILLed at random moments, again and again
/// (6 cycles in CI; <c>FOREWARN_CRASH_CYCLES=200</c> for the full run), on SQLite and on a PostgreSQL database of its own.
/// After a final restart, every signal it acknowledged with a 2xx is stored exactly once, replays of acknowledged ones are
/// answered "duplicate", the database passes its own consistency check (SQLite <c>integrity_check</c> and
/// <c>foreign_key_check</c>, PostgreSQL <c>pg_amcheck</c>) and the audit chain still verifies.
/// </summary>
public abstract class CrashTests(DatabaseProvider provider)
{
    private const string ApiKey = "fw_crash_test_key_0123456789abcdef";
    private const string Password = "Crash-Test-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signals_acknowledged_before_a_sigkill_are_stored_exactly_once_and_the_audit_chain_verifies()
    {
        // CI runs a few cycles; the full run sets FOREWARN_CRASH_CYCLES (200 or more).
        var planned = Figures.FromEnvironment("FOREWARN_CRASH_CYCLES", 6);
        // A full run on a busy machine may be given a time budget (FOREWARN_CRASH_MINUTES): it then stops starting cycles
        // when the budget is spent and reports how many it did.
        var budget = TimeSpan.FromMinutes(Figures.FromEnvironment("FOREWARN_CRASH_MINUTES", int.MaxValue / 120));
        await using var database = ProcessDatabase.Create(provider);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var acknowledged = new HashSet<string>();
        var acknowledgedList = new List<string>();
        var cycles = 0;
        var sent = 0;
        // Answers that acknowledged nothing: an HTTP status other than 2xx, or no answer (the process died mid-request).
        var refused = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var unanswered = 0;
        var clock = Stopwatch.StartNew();

        // The first run seeds the city (demo, no simulator); every later run is `serve` on the same data.
        for (var cycle = 0; cycle < planned && (cycle < 6 || clock.Elapsed < budget); cycle++)
        {
            await using var server = await ServerProcess.StartAsync(database, demo: cycle == 0, ApiKey, Password);
            var http = server.Http;
            // The first request after a start is slow (JIT, blacklist load): wait for it, so every cycle kills under load.
            var warmUp = Intake.NewId();
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/v1/signals", new JsonArray(Item(warmUp)), Ct)).StatusCode);
            Acknowledge(warmUp);

            using var stop = new CancellationTokenSource();
            // The kill waits for the senders' first acknowledged batch of the cycle, so every cycle kills under load even where
            // the first batches are slow to commit (PostgreSQL on a busy machine).
            var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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
                        if (!response.IsSuccessStatusCode)
                        {
                            refused.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                        }
                        else
                        {
                            var results = (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("results");
                            foreach (var r in results.EnumerateArray().Where(r => r.GetProperty("status").GetString() is "accepted" or "duplicate"))
                            {
                                Acknowledge(r.GetProperty("externalId").GetString()!);
                            }
                            loaded.TrySetResult();
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or JsonException or System.Net.Sockets.SocketException)
                    {
                        // The process died mid-request: not acknowledged, so it may or may not be stored.
                        Interlocked.Increment(ref unanswered);
                    }
                }
            })).ToList();

            await Task.WhenAny(loaded.Task, Task.Delay(TimeSpan.FromSeconds(60), Ct));
            await Task.Delay(random.Next(500, 3000), Ct);
            server.Process.Kill();
            // Stop the senders at once: requests to the dead port would only count as sent.
            await stop.CancelAsync();
            await server.KillAsync();
            await Task.WhenAll(senders);
            cycles++;
            if (cycles % 10 == 0)
            {
                Console.WriteLine($"crash harness ({provider}): {cycles}/{planned} cycles, {acknowledged.Count} acknowledged, {clock.Elapsed.TotalMinutes:F1} min");
            }
        }

        Assert.True(cycles == planned || clock.Elapsed >= budget, $"{cycles} of {planned} cycles");
        Assert.True(acknowledged.Count > 20, $"only {acknowledged.Count} signals were acknowledged (seed {seed})");

        // The final restart: the server comes back on the killed database and knows every acknowledged id it is asked about.
        var replayed = acknowledgedList.OrderBy(_ => random.Next()).Take(50).ToList();
        await using (var last = await ServerProcess.StartAsync(database, demo: false, ApiKey, Password))
        {
            var answer = await last.Http.PostAsJsonAsync("/api/v1/signals", new JsonArray([.. replayed.Select(id => (JsonNode)Item(id))]), Ct);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var statuses = (await answer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
            Assert.True(statuses.All(s => s == "duplicate"), $"replays after the final restart: {string.Join(", ", statuses.Distinct())} (seed {seed})");
        }

        var counts = (await database.QueryAsync("SELECT \"ExternalId\", COUNT(*) FROM \"Signals\" GROUP BY \"ExternalId\"", Ct))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        var integrity = await database.CheckIntegrityAsync(Ct);
        var missing = acknowledged.Where(id => !counts.ContainsKey(id)).ToList();
        var doubled = counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();
        var verify = await database.VerifyAuditAsync();
        Figures.Report($"crash harness ({provider}, real process, SIGKILL)", ("cycles_planned", planned), ("cycles", cycles), ("sigkills", cycles), ("signals_sent", sent),
            ("acknowledged", acknowledged.Count), ("requests_unanswered", unanswered),
            ("requests_refused", string.Join(" ", refused.OrderBy(r => r.Key).Select(r => $"{r.Key}x{r.Value}"))), ("lost", missing.Count), ("doubled", doubled.Count), ("integrity_check", integrity),
            ("audit_verify_exit", verify.ExitCode), ("minutes", Math.Round(clock.Elapsed.TotalMinutes, 1)), ("seed", seed));
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged signals lost after {cycles} SIGKILLs (seed {seed}), e.g. {string.Join(", ", missing.Take(5))}");
        Assert.True(doubled.Count == 0, $"{doubled.Count} signals stored twice (seed {seed})");
        Assert.True(integrity == "ok", $"consistency check after {cycles} SIGKILLs: {integrity} (seed {seed})");
        Assert.True(verify.ExitCode == 0, $"seed {seed}: {verify.Output}");
        TestContext.Current.TestOutputHelper?.WriteLine(verify.Output.Trim());

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

    private static JsonObject Item(string id)
    {
        var item = Intake.Call(Intake.NewPhone(), Intake.NewFraudPhone(), 120, TimeSpan.FromMinutes(1), new { lat = Intake.Yubei.Lat, lon = Intake.Yubei.Lon });
        item["externalId"] = id;
        return item;
    }
}

[Collection(nameof(CrashTests))]
public sealed class CrashTests_Sqlite() : CrashTests(DatabaseProvider.Sqlite);

[Collection(nameof(CrashTests))]
public sealed class CrashTests_Postgres() : CrashTests(DatabaseProvider.Postgres);

/// <summary>The harness seeds a demo city and restarts a process again and again: it runs alone, after everything else, so it
/// neither starves the other process tests (the demo command's start-up budget) nor is starved by them.</summary>
[CollectionDefinition(nameof(CrashTests), DisableParallelization = true)]
public sealed class CrashTestsCollection;
