using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Forewarn.Server.Tests.Infrastructure;

/// <summary>Helpers for tests that send signals: fresh subjects and ids, blacklisting, and reading warnings back.</summary>
public static class Intake
{
    private static int _counter = Random.Shared.Next(1_000_000);

    /// <summary>A mobile number no other test uses (139 + eight digits).</summary>
    public static string NewPhone() => "139" + Interlocked.Increment(ref _counter).ToString("D8");

    /// <summary>A blacklist-range number no other test uses.</summary>
    public static string NewFraudPhone() => "170" + Interlocked.Increment(ref _counter).ToString("D8");

    public static string NewId() => "t-" + Guid.NewGuid().ToString("N");

    public static string At(TimeSpan ago) => (DateTimeOffset.UtcNow - ago).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz");

    /// <summary>Centres of 渝北区 and 渝中区 from the real boundary data.</summary>
    public static readonly (double Lat, double Lon) Yubei = (29.601451, 106.512851);

    public static readonly (double Lat, double Lon) Yuzhong = (29.556742, 106.56288);

    public static JsonObject Call(string subject, string counterparty, int seconds, TimeSpan ago, object? subjectExtra = null)
    {
        var s = new JsonObject { ["phone"] = subject };
        Merge(s, subjectExtra);
        return new JsonObject
        {
            ["externalId"] = NewId(), ["type"] = "call", ["occurredAt"] = At(ago), ["subject"] = s,
            ["counterparty"] = new JsonObject { ["phone"] = counterparty }, ["durationSeconds"] = seconds,
        };
    }

    public static JsonObject Signal(string type, string subject, TimeSpan ago, JsonObject? counterparty = null, object? subjectExtra = null, object? extra = null)
    {
        var s = new JsonObject { ["phone"] = subject };
        Merge(s, subjectExtra);
        var item = new JsonObject { ["externalId"] = NewId(), ["type"] = type, ["occurredAt"] = At(ago), ["subject"] = s };
        if (counterparty is not null)
        {
            item["counterparty"] = counterparty;
        }
        Merge(item, extra);
        return item;
    }

    private static void Merge(JsonObject target, object? extra)
    {
        if (extra is null)
        {
            return;
        }
        foreach (var (key, value) in JsonSerializer.SerializeToNode(extra, JsonSerializerOptions.Web)!.AsObject())
        {
            target[key] = value?.DeepClone();
        }
    }

    public sealed record Result(string? ExternalId, string Status, long? WarningId, JsonElement? Errors);

    public sealed record Batch(List<Result> Results);

    public static async Task<List<Result>> SendAsync(this ForewarnApp app, params JsonObject[] items)
    {
        using var client = app.SourceClient();
        var response = await client.PostAsJsonAsync("/api/v1/signals", new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Batch>(TestContext.Current.CancellationToken))!.Results;
    }

    /// <summary>Adds an indicator and waits until the running blacklist matches it (the swap promises under a second).</summary>
    public static async Task<TimeSpan> BlacklistAsync(this ForewarnApp app, string type, string value, string status = "confirmed")
    {
        using var analyst = await app.ClientFor("city.analyst");
        var created = await analyst.PostAsJsonAsync("/api/v1/indicators", new { type, value, status, source = "test" }, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var found = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?type={type}&value={Uri.EscapeDataString(value)}",
                TestContext.Current.CancellationToken);
            if (found.GetProperty("matches").GetBoolean() == (status != "whitelisted"))
            {
                return clock.Elapsed;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"{type} {value} did not reach the blacklist");
    }

    public static async Task<JsonElement> WarningAsync(this ForewarnApp app, long id, string user = "city.analyst")
    {
        using var client = await app.ClientFor(user);
        return await client.GetFromJsonAsync<JsonElement>($"/api/v1/warnings/{id}", TestContext.Current.CancellationToken);
    }
}
