using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Features.Dissuasion;
using Forewarn.Server.Features.Scale;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Forewarn.Server.Tests.Features.Dissuasion;

/// <summary>The server on its own SQLite database with a fake clock that only the test moves.</summary>
public sealed class FakeClockApp : ForewarnApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The production limit, so the rate-limit test sees it.</summary>
    protected override int RateLimitSignIn => 20;

    public override Forewarn.Server.Data.DatabaseProvider Provider => Forewarn.Server.Data.DatabaseProvider.Sqlite;

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
    [
        new("Forewarn:Database:Provider", "Sqlite"),
        new("Forewarn:Database:Path", Path.Combine(Folder, "fake-clock.db")),
    ];

    /// <summary>Tokens are signed with the fake clock but checked against the real one: take them all before any test moves time.</summary>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var user in new[] { "longxi.officer", "yubei.dispatcher", "city.analyst" })
        {
            (await ClientFor(user)).Dispose();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // The background loops would replay every tick of a twenty-hour jump; the tests drive the monitor's unit of work instead.
            services.RemoveAll<IHostedService>();
        });
    }
}

public sealed class SlaMonitorTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<JsonElement>> NotificationsAsync(string user)
    {
        using var client = await app.ClientFor(user);
        return [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications?take=500", Ct)).EnumerateArray()];
    }

    private async Task TickAsync(TimeSpan by)
    {
        app.Clock.Advance(by);
        await app.Services.GetRequiredService<SlaMonitor>().RunOnceAsync(Ct);
    }

    private async Task<int> AlertsAsync(long id)
    {
        using var db = app.NewDbContext(out var scope);
        using (scope)
        {
            return await db.SlaAlerts.CountAsync(a => a.WarningId == id, Ct);
        }
    }

    [Fact]
    public async Task A_special_warning_is_warned_breached_and_escalated_on_time_and_only_once()
    {
        var clue = Intake.Signal("clue", Intake.NewPhone(), TimeSpan.FromSeconds(30), subjectExtra: new { adminCode = "500112011" }, extra: new { level = "special" });
        var id = (await app.SendAsync(clue))[0].WarningId!.Value;
        bool Has(List<JsonElement> list, string kind) => list.Any(n => n.GetProperty("warningId").GetInt64() == id && n.GetProperty("kind").GetString() == kind);

        await TickAsync(TimeSpan.FromSeconds(40));
        Assert.False(Has(await NotificationsAsync("longxi.officer"), "sla_warning"));

        await TickAsync(TimeSpan.FromSeconds(10));
        Assert.True(Has(await NotificationsAsync("longxi.officer"), "sla_warning"));
        Assert.False(Has(await NotificationsAsync("yubei.dispatcher"), "sla_breach"));

        await TickAsync(TimeSpan.FromSeconds(11));
        Assert.True(Has(await NotificationsAsync("yubei.dispatcher"), "sla_breach"));
        Assert.False(Has(await NotificationsAsync("city.analyst"), "sla_escalation"));

        await TickAsync(TimeSpan.FromSeconds(60));
        Assert.True(Has(await NotificationsAsync("city.analyst"), "sla_escalation"));

        var alerts = await AlertsAsync(id);
        await app.Services.GetRequiredService<SlaMonitor>().RunOnceAsync(Ct);
        // A restarted monitor (a new instance over the same database) raises nothing new.
        var restarted = new SlaMonitor(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<TerritoryResolver>(),
            app.Services.GetRequiredService<PolicyBook>(), app.Clock, NullLogger<SlaMonitor>.Instance,
            app.Services.GetRequiredService<Leadership>(), app.Services.GetRequiredService<IntakeMetrics>());
        await restarted.RunOnceAsync(Ct);
        Assert.Equal(alerts, await AlertsAsync(id));
        Assert.Equal(1, (await NotificationsAsync("yubei.dispatcher")).Count(n => n.GetProperty("warningId").GetInt64() == id && n.GetProperty("kind").GetString() == "sla_breach"));
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        var statuses = new List<(int Status, string? RetryAfter)>();
        for (var i = 0; i < 22; i++)
        {
            var context = await app.Server.SendAsync(c =>
            {
                c.Request.Method = "POST";
                c.Request.Path = "/api/v1/auth/token";
                c.Request.ContentType = "application/json";
                var body = "{\"username\":\"nobody\",\"password\":\"wrong-password\"}"u8.ToArray();
                c.Request.Body = new MemoryStream(body);
                c.Request.ContentLength = body.Length;
                c.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("10.9.9.9");
            }, Ct);
            statuses.Add((context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString()));
        }
        Assert.All(statuses.Take(20), s => Assert.NotEqual(429, s.Status));
        Assert.Equal(2, statuses.Count(s => s.Status == 429));
        Assert.All(statuses.Where(s => s.Status == 429), s => Assert.Equal("60", s.RetryAfter));
    }

    [Fact]
    public async Task A_missed_first_contact_is_escalated_after_a_timely_sign_for()
    {
        using var officer = await app.ClientFor("longxi.officer");
        var clue = Intake.Signal("clue", Intake.NewPhone(), TimeSpan.FromSeconds(30), subjectExtra: new { adminCode = "500112011" }, extra: new { level = "special" });
        var id = (await app.SendAsync(clue))[0].WarningId!.Value;
        await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/sign-for", new { }, Ct);
        bool Has(List<JsonElement> list, string kind) => list.Any(n => n.GetProperty("warningId").GetInt64() == id && n.GetProperty("kind").GetString() == kind);

        await TickAsync(TimeSpan.FromMinutes(3));
        Assert.False(Has(await NotificationsAsync("yubei.dispatcher"), "sla_breach"));
        await TickAsync(TimeSpan.FromMinutes(2.5));
        Assert.True(Has(await NotificationsAsync("yubei.dispatcher"), "sla_breach"));
        await TickAsync(TimeSpan.FromMinutes(5));
        Assert.True(Has(await NotificationsAsync("city.analyst"), "sla_escalation"));
        using var db = app.NewDbContext(out var scope);
        using (scope)
        {
            var deadlines = await db.SlaAlerts.Where(a => a.WarningId == id).Select(a => a.Deadline).Distinct().ToListAsync(Ct);
            Assert.DoesNotContain("sign_for", deadlines);
            Assert.Contains("first_contact", deadlines);
        }
    }

    [Fact]
    public async Task Work_done_in_time_raises_no_alert()
    {
        using var officer = await app.ClientFor("longxi.officer");
        var clue = Intake.Signal("clue", Intake.NewPhone(), TimeSpan.FromSeconds(30), subjectExtra: new { adminCode = "500112011" }, extra: new { level = "high" });
        var id = (await app.SendAsync(clue))[0].WarningId!.Value;
        await TickAsync(TimeSpan.FromMinutes(2));
        await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/sign-for", new { }, Ct);
        await TickAsync(TimeSpan.FromMinutes(10));
        await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/contact-attempts", new { channel = "call", result = "reached" }, Ct);
        await TickAsync(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await AlertsAsync(id));
        await TickAsync(TimeSpan.FromHours(20));
        Assert.Equal(1, await AlertsAsync(id));
    }
}
