using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Forewarn.Server.Tests.Features.Dissuasion;

/// <summary>A bank's webhook, for real: an HTTP server on 127.0.0.1 that fails the first calls and then accepts.</summary>
public sealed class BankReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    public ConcurrentQueue<(string Key, string Body)> Calls { get; } = new();

    public string Url { get; }

    private BankReceiver(WebApplication app, int failures)
    {
        _app = app;
        _failuresLeft = failures;
        Url = app.Urls.First() + "/hook";
    }

    public static async Task<BankReceiver> StartAsync(int failures)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        BankReceiver? receiver = null;
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver!.Calls.Enqueue((request.Headers["Idempotency-Key"].ToString(), await reader.ReadToEndAsync()));
            return Interlocked.Decrement(ref receiver._failuresLeft) >= 0 ? Results.StatusCode(503) : Results.Ok();
        });
        await app.StartAsync();
        receiver = new BankReceiver(app, failures);
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public abstract class OutboxTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task A_payment_stop_reaches_a_bank_that_fails_then_recovers_once_and_only_once()
    {
        await using var bank = await BankReceiver.StartAsync(failures: 2);
        var key = ApiClient.NewKey();
        using (var db = App.NewDbContext(out var scope))
        using (scope)
        {
            db.ApiClients.Add(new ApiClient
            {
                Name = "bank-" + Guid.NewGuid().ToString("N")[..8], KeyHash = ApiClient.Hash(key), Scopes = "signals receive:payment_stop receive:freeze",
                WebhookUrl = bank.Url, CreatedAt = App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(Ct);
        }
        using var source = App.SourceClient(key);
        var transfer = Intake.Signal("transfer", Intake.NewPhone(), TimeSpan.FromMinutes(2), new() { ["account"] = "6217000010009876543" },
            subjectExtra: new { adminCode = "500112011" }, extra: new { level = "special", amount = 20000 });
        transfer["type"] = "clue";
        transfer.Remove("counterparty");
        var sent = await (await source.PostAsJsonAsync("/api/v1/signals", new[] { transfer }, Ct)).Content.ReadFromJsonAsync<Intake.Batch>(Ct);
        var id = sent!.Results[0].WarningId!.Value;

        using var analyst = await App.ClientFor("city.analyst");
        var request = await analyst.PostAsJsonAsync($"/api/v1/warnings/{id}/payment-stops", new { account = "6217 0000 1000 9876 543", amount = 20000 }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);

        JsonElement outbound = default;
        for (var i = 0; i < 200; i++)
        {
            outbound = (await App.WarningAsync(id)).GetProperty("outbound")[0];
            if (outbound.GetProperty("status").GetString() == "acknowledged")
            {
                break;
            }
            await Task.Delay(100, Ct);
        }
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        Assert.Equal("acknowledged", outbound.GetProperty("status").GetString());
        Assert.Equal(3, outbound.GetProperty("attempts").GetInt32());
        Assert.Equal(3, bank.Calls.Count);
        Assert.Single(bank.Calls.Select(c => c.Key).Distinct());
        using var body = JsonDocument.Parse(bank.Calls.First().Body);
        Assert.Equal("payment_stop", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("6217000010009876543", body.RootElement.GetProperty("target").GetProperty("account").GetString());
    }

    [Fact]
    public async Task A_block_request_to_a_client_without_a_webhook_waits_with_the_reason()
    {
        var clue = Intake.Signal("clue", Intake.NewPhone(), TimeSpan.FromMinutes(1), subjectExtra: new { adminCode = "500112011" }, extra: new { level = "high" });
        var id = (await App.SendAsync(clue))[0].WarningId!.Value;
        using var analyst = await App.ClientFor("city.analyst");
        var response = await analyst.PostAsJsonAsync($"/api/v1/warnings/{id}/number-shutdowns", new { phone = "17012345678" }, Ct);
        var bad = await analyst.PostAsJsonAsync($"/api/v1/warnings/{id}/line-cuts", new { phone = "96110" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        JsonElement outbound = default;
        for (var i = 0; i < 50; i++)
        {
            outbound = (await App.WarningAsync(id)).GetProperty("outbound")[0];
            if (outbound.GetProperty("attempts").GetInt32() > 0)
            {
                break;
            }
            await Task.Delay(100, Ct);
        }
        Assert.Equal("pending", outbound.GetProperty("status").GetString());
        Assert.Equal("no webhook configured", outbound.GetProperty("lastError").GetString());
    }
}

public sealed class OutboxTests_Sqlite(SqliteApp app) : OutboxTests(app);

public sealed class OutboxTests_Postgres(PostgresApp app) : OutboxTests(app);
