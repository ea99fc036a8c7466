using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>Bulk exports are rate-limited per user (<c>Forewarn:RateLimits:ExportsPerMinute</c>), with 429, <c>Retry-After</c> and a problem in the user's language.</summary>
public abstract class ExportRateLimitTests(ForewarnApp app) : ProviderTests(app)
{
    /// <summary>Handlers that answer with one stored file (a photo, a PDF), not with rows: not bulk exports.</summary>
    private static readonly string[] SingleFiles = ["GetEvidence.Handle", "CaseEvidenceFiles.Download", "ReportEvidence.Get"];

    [Fact]
    public void Every_endpoint_that_answers_with_a_file_of_rows_is_limited_as_an_export()
    {
        var files = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Handler: e.Metadata.OfType<MethodInfo>().FirstOrDefault()))
            .Where(e => e.Handler is not null && Mentions(e.Handler.ReturnType, typeof(FileContentHttpResult)))
            .ToList();
        var exports = files.Where(e => !SingleFiles.Contains($"{e.Handler!.DeclaringType!.Name}.{e.Handler.Name}")).ToList();
        var unlimited = exports.Where(e => e.Endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != RateLimits.Exports)
            .Select(e => e.Endpoint.RoutePattern.RawText).ToList();
        Figures.Report($"export rate limits ({App.Provider})", ("file_endpoints", files.Count), ("exports", exports.Count), ("unlimited", unlimited.Count));
        Assert.True(unlimited.Count == 0, "exports without the limit: " + string.Join(", ", unlimited));
        // The exports named in the issue, so a change of handler shape cannot quietly drop one from the list.
        var routes = exports.Select(e => e.Endpoint.RoutePattern.RawText).ToList();
        Assert.Superset(new HashSet<string?>
        {
            "/api/v1/warnings/export", "/api/v1/prevention/segments/{id:long}/targets", "/api/v1/series/{id:long}/report.csv", "/api/v1/stats/crackdown",
            "/api/v1/stats/crackdown/units", "/api/v1/stats/kpis", "/api/v1/two-cards/export", "/api/v1/audit/export.csv",
        }, routes.ToHashSet());
    }

    private static bool Mentions(Type type, Type wanted) => type == wanted || type.GetGenericArguments().Any(t => Mentions(t, wanted));

    [Fact]
    public async Task Exports_beyond_the_limit_get_429_with_retry_after_in_the_users_language_and_other_users_are_not_held_up()
    {
        using var limited = App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Forewarn:RateLimits:ExportsPerMinute", "3");
            b.ConfigureServices(s => s.RemoveAll<IHostedService>());
        });
        async Task<HttpClient> As(string user)
        {
            // Tokens of the shared server are good here too: the same signing key.
            using var signedIn = await App.ClientFor(user);
            var client = limited.CreateClient();
            client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
            return client;
        }
        using var analyst = await As("city.analyst");
        using var dispatcher = await As("yubei.dispatcher");
        const string Export = "/api/v1/warnings/export?format=csv&from=2099-01-01T00:00:00Z";

        // The window opens with the first request and lasts a minute: these few requests all fall in it.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Export);
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(i % 2 == 0 ? "zh-CN" : "en"));
            answers.Add(await analyst.SendAsync(request, Ct));
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 4)], answers.Select(a => a.StatusCode));
        foreach (var (answer, i) in answers.Select((a, i) => (a, i)).Skip(3))
        {
            Assert.Equal(TimeSpan.FromSeconds(60), answer.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.Equal(i % 2 == 0 ? "请求过于频繁" : "Too many requests", problem.GetProperty("title").GetString());
        }

        // One budget for all exports of a user; another user has their own.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await analyst.GetAsync("/api/v1/stats/crackdown?format=csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync(Export, Ct)).StatusCode);
        Figures.Report($"export rate limit ({App.Provider})", ("limit_per_minute", 3), ("requests", answers.Count + 1), ("answered_429", 5));
    }
}

public sealed class ExportRateLimitTests_Sqlite(SqliteApp app) : ExportRateLimitTests(app);

public sealed class ExportRateLimitTests_Postgres(PostgresApp app) : ExportRateLimitTests(app);
