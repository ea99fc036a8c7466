using System.Net;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Forewarn.Server.Tests.Features.Security;

public abstract class SecurityHeadersTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task Every_response_carries_the_security_headers_and_personal_data_is_never_cached()
    {
        using var web = new WebForms(App);
        var login = await web.GetAsync("/login");
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", login.Headers.GetValues("Referrer-Policy").Single());
        var csp = login.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.False(login.Headers.Contains("Strict-Transport-Security"), "no HSTS over plain HTTP");

        await web.SignInAsync("longxi.officer");
        var page = await web.GetAsync("/warnings");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoStore, "a signed-in page is no-store");
        using var api = await App.ClientFor("longxi.officer");
        Assert.True((await api.GetAsync("/api/v1/warnings", Ct)).Headers.CacheControl?.NoStore, "API answers are no-store");
        using var anonymous = App.CreateClient();
        Assert.True((await anonymous.GetAsync("/api/v1/warnings", Ct)).Headers.CacheControl?.NoStore, "even a 401 from the API is no-store");
    }

    [Fact]
    public async Task Hsts_is_sent_over_tls()
    {
        using var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var response = await client.GetAsync("/login", Ct);
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }
}

public sealed class SecurityHeadersTests_Sqlite(SqliteApp app) : SecurityHeadersTests(app);

public sealed class SecurityHeadersTests_Postgres(PostgresApp app) : SecurityHeadersTests(app);

/// <summary>The server on its own SQLite database with a clock only the test moves.</summary>
public sealed class IdleClockApp : ForewarnApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public override Forewarn.Server.Data.DatabaseProvider Provider => Forewarn.Server.Data.DatabaseProvider.Sqlite;

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
    [
        new("Forewarn:Database:Provider", "Sqlite"),
        new("Forewarn:Database:Path", Path.Combine(Folder, "idle.db")),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IHostedService>();
        });
    }
}

public sealed class IdleTimeoutTests(IdleClockApp app) : IClassFixture<IdleClockApp>
{
    [Fact]
    public async Task A_web_session_ends_after_thirty_idle_minutes_and_activity_keeps_it_alive()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentitySetup.CookieScheme).ExpireTimeSpan);
        using var web = new WebForms(app);
        Assert.Equal(HttpStatusCode.Redirect, (await web.SignInAsync("longxi.officer")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/tasks")).StatusCode);

        // Requests every 20 minutes keep the session for an hour.
        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/tasks")).StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var idle = await web.GetAsync("/tasks");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.Contains("/login", idle.Headers.Location!.OriginalString);
    }

    [Fact]
    public void The_idle_timeout_is_a_setting()
    {
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("Forewarn:Auth:IdleTimeout", "00:05:00"));
        Assert.Equal(TimeSpan.FromMinutes(5), configured.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentitySetup.CookieScheme).ExpireTimeSpan);
    }
}
