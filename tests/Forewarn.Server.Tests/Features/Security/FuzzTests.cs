using System.Text;
using CsCheck;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>
/// Mutation fuzzing of the importers and the public endpoints: valid inputs with bytes flipped, cut, repeated and spliced
/// with hostile tokens. Whatever arrives, the answer is never a 5xx, and every error is RFC 7807 problem details.
/// CsCheck prints the failing input's seed.
/// </summary>
public abstract class FuzzTests(ForewarnApp app) : ProviderTests(app)
{
    private static readonly string[] Hostile =
    [
        "\0", "\"", "\\", "{", "}", "[", "]", ",", ":", "\r\n", "\n", "\t", "null", "true", "-1", "0", "1e999", "-1e999", "NaN",
        "99999999999999999999999999", "\uFFFD", "\uD83D\uDE00", "，", "＂", "’", "=cmd|' /C calc'!A0", "<script>", "'; DROP TABLE x;--",
        "2026-02-30T25:61:00+08:00", "9999-12-31T23:59:59Z", "0001-01-01", "13800138000", "500112199001011234", "http://", "xn--", "%00", "%",
        new string('a', 5000), new string('[', 200), new string('9', 400),
    ];

    internal static string Mutate(string seed, ulong key)
    {
        var random = new Random((int)(key ^ (key >> 32)));
        var text = new StringBuilder(seed);
        var steps = random.Next(1, 8);
        for (var i = 0; i < steps; i++)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length);
            switch (random.Next(6))
            {
                case 0 when text.Length > 0:
                    text[at] = (char)random.Next(0, 0x3000);
                    break;
                case 1:
                    text.Insert(at, Hostile[random.Next(Hostile.Length)]);
                    break;
                case 2 when text.Length > 0:
                    text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at));
                    break;
                case 3 when text.Length > 0:
                    var length = Math.Min(random.Next(1, 50), text.Length - at);
                    text.Insert(at, text.ToString(at, length));
                    break;
                case 4:
                    text.Length = at;
                    break;
                default:
                    text.Insert(at, (char)random.Next(0x20, 0x7f));
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>No answer within this long counts as a hang (generous: the machine running the tests may be busy).</summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(60);

    private async Task FuzzAsync(string what, string[] seeds, Func<string, CancellationToken, Task<HttpResponseMessage>> send, long iterations = 30)
    {
        // CI runs a few dozen inputs per target; FOREWARN_FUZZ_ITERATIONS sets the count for a longer run.
        iterations = Figures.FromEnvironment("FOREWARN_FUZZ_ITERATIONS", (int)iterations);
        int executions = 0, crashes = 0, hangs = 0, serverErrors = 0, notProblems = 0, rejected = 0;
        try
        {
            await Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.ULong).SampleAsync(async t =>
            {
                var input = Mutate(seeds[t.Item1], t.Item2);
                var shown = input.Length > 300 ? input[..300] + "…" : input;
                Interlocked.Increment(ref executions);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                timeout.CancelAfter(HangAfter);
                HttpResponseMessage response;
                try
                {
                    response = await send(input, timeout.Token);
                }
                catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref hangs);
                    throw new Xunit.Sdk.XunitException($"no answer within {HangAfter.TotalSeconds:F0} s for input:\n{shown}");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref crashes);
                    throw new Xunit.Sdk.XunitException($"the server threw {e.GetType().Name} for input:\n{shown}\n{e}");
                }
                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (status >= 500)
                    {
                        Interlocked.Increment(ref serverErrors);
                    }
                    Assert.True(status < 500, $"{status} for input:\n{shown}\n{await response.Content.ReadAsStringAsync(Ct)}");
                    if (status >= 400)
                    {
                        Interlocked.Increment(ref rejected);
                        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        {
                            Interlocked.Increment(ref notProblems);
                        }
                        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                            $"{status} without problem details ({response.Content.Headers.ContentType}) for input:\n{shown}");
                    }
                }
            }, iter: iterations, threads: 1);
        }
        finally
        {
            Figures.Report($"fuzz {what} ({App.Provider})", ("executions", executions), ("crashes", crashes), ("hangs", hangs), ("5xx", serverErrors),
                ("4xx", rejected), ("4xx_without_problem_details", notProblems));
        }
    }

    private static StringContent Body(string text, string mediaType) => new(text, Encoding.UTF8, mediaType);

    [Fact]
    public async Task Mutated_signal_batches_never_cause_a_server_error()
    {
        using var client = App.SourceClient();
        string Seed() => "[" + Intake.Call(Intake.NewPhone(), Intake.NewFraudPhone(), 300, TimeSpan.FromMinutes(5), new { lat = 29.6, lon = 106.5, name = "张三", idNumber = "500112199001011234" }).ToJsonString() + "]";
        string[] seeds = [Seed(), Seed(), "[]", "{}", """[{"externalId":"x","type":"sms","occurredAt":"2026-11-29T08:00:00+08:00","subject":{"phone":"13900000000"},"content":"你的快递理赔"}]"""];
        await FuzzAsync("signal batches", seeds, (input, ct) => client.PostAsync("/api/v1/signals", Body(input, "application/json"), ct));
    }

    [Fact]
    public async Task Mutated_contact_records_never_cause_a_server_error()
    {
        using var client = App.SourceClient();
        string[] csv = ["subscriber,counterparty,kind,at,durationSeconds\r\n13900000001,17012345678,call,2026-11-29T08:00:00+08:00,600\r\n13900000002,17012345679,sms,2026-11-29T08:01:00+08:00,0\r\n"];
        string[] ndjson = ["""{"subscriber":"13900000001","counterparty":"17012345678","kind":"call","at":"2026-11-29T08:00:00+08:00","durationSeconds":600}""" + "\n"];
        await FuzzAsync("contact records CSV", csv, (input, ct) => client.PostAsync("/api/v1/contacts", Body(input, "text/csv"), ct), 20);
        await FuzzAsync("contact records NDJSON", ndjson, (input, ct) => client.PostAsync("/api/v1/contacts", Body(input, "application/x-ndjson"), ct), 20);
    }

    [Fact]
    public async Task Mutated_indicator_imports_never_cause_a_server_error()
    {
        using var analyst = await App.ClientFor("city.analyst");
        string[] csv = ["type,value,status,source,confidence,expiresAt\r\nphone,17099990000,confirmed,fuzz,0.9,2027-01-01T00:00:00Z\r\nurl,http://jd-refund.example/x,suspected,fuzz,0.5,\r\n"];
        string[] ndjson = ["""{"type":"account","value":"6217000000000000000","status":"confirmed","source":"fuzz","confidence":0.8}""" + "\n"];
        await FuzzAsync("indicator import CSV", csv, (input, ct) => analyst.PostAsync("/api/v1/indicators/import", Body(input, "text/csv"), ct), 20);
        await FuzzAsync("indicator import NDJSON", ndjson, (input, ct) => analyst.PostAsync("/api/v1/indicators/import", Body(input, "application/x-ndjson"), ct), 20);
    }

    [Fact]
    public async Task Mutated_public_checks_and_reports_never_cause_a_server_error()
    {
        using var client = App.CreateClient();
        string[] queries = ["phone=13900000000", "url=http://jd-refund.example/pay", "account=6217000000000000000", "phone=&url=&account="];
        await FuzzAsync("public check", queries, (input, ct) => client.GetAsync("/api/v1/public/check?" + input, ct));
        string[] reports = ["""{"channel":"call","content":"自称客服说要退款，让我下载会议软件共享屏幕","counterparty":"17012345678","contact":"13900000000"}"""];
        await FuzzAsync("public reports", reports, (input, ct) => client.PostAsync("/api/v1/public/reports", Body(input, "application/json"), ct));
    }
}

public sealed class FuzzTests_Sqlite(SqliteApp app) : FuzzTests(app);

public sealed class FuzzTests_Postgres(PostgresApp app) : FuzzTests(app);
