using System.Net;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Forewarn.Server.Tests.Features.Public;

/// <summary>The server with the production public limit (30 a minute per address); every test client shares one address.</summary>
public sealed class PublicLimitApp : ForewarnApp
{
    public override Forewarn.Server.Data.DatabaseProvider Provider => Forewarn.Server.Data.DatabaseProvider.Sqlite;

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
    [
        new("Forewarn:Database:Provider", "Sqlite"),
        new("Forewarn:Database:Path", Path.Combine(Folder, "public-limit.db")),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Forewarn:RateLimits:PublicPerMinute", "30");
    }
}

public sealed class PublicRateLimitTests(PublicLimitApp app) : IClassFixture<PublicLimitApp>
{
    [Fact]
    public async Task Public_checks_pages_and_warnings_beyond_the_limit_get_429_and_share_one_budget()
    {
        var ct = TestContext.Current.CancellationToken;
        using var citizen = app.CreateClient();
        var paths = new[] { "/api/v1/public/check?phone=13800138000", "/api/v1/public/fraud-types", "/public" };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 33; i++)
        {
            var response = await citizen.GetAsync(paths[i % paths.Length], ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.RetryAfter?.ToString());
            }
        }
        Assert.All(statuses.Take(30), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(30), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
