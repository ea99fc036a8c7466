using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Forewarn.Server.Common;
using Microsoft.AspNetCore.Localization;

namespace Forewarn.Server;

/// <summary>What every area relies on: problem details, languages, OpenAPI, the clock and the health probe.</summary>
public static class Platform
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LookupHasher>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ExceptionHandler>();
        services.AddOpenApi();
        services.AddValidation();
        services.AddRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
        });
        services.AddOptions<RateLimits>().BindConfiguration(RateLimits.Section);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = L.T("请求过于频繁", "Too many requests"), Detail = L.T("请稍后再试", "Try again later") },
                });
            };
            // Per client address: sign-in attempts, and the public (anonymous) endpoints.
            o.AddPolicy(RateLimits.SignIn, http => Limiter(http, limits => limits.SignInPerMinute));
            o.AddPolicy(RateLimits.Public, http => Limiter(http, limits => limits.PublicPerMinute));
            // Per signed-in user (authorization runs first): bulk exports, whatever address they come from.
            o.AddPolicy(RateLimits.Exports, http => Limiter(http, limits => limits.ExportsPerMinute,
                http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.User.Identity?.Name));
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.Use(SecurityHeaders);
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi().AllowAnonymous();
        // Liveness only: the process answers. Readiness (database, NATS) is /readyz (Features/Scale).
        app.MapGet("/healthz", () => Results.Ok("ok")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static RateLimitPartition<string> Limiter(HttpContext http, Func<RateLimits, int> permits, string? user = null)
    {
        var limits = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimits>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(user is not null ? "user:" + user : http.Connection.RemoteIpAddress?.ToString() ?? "?",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits(limits), Window = TimeSpan.FromMinutes(1) });
    }

    /// <summary>Headers every response carries; API responses and every page a signed-in user sees (personal data) are never cached.</summary>
    private static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            + "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            headers.CacheControl = "no-store";
        }
        else
        {
            // Authentication runs later in the pipeline: decide when the response starts.
            http.Response.OnStarting(() =>
            {
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    http.Response.Headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
        }
        if (http.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }
        return next();
    }
}

/// <summary>
/// Section <c>Forewarn:RateLimits</c>: requests per minute — sign-in and public endpoints per client address, bulk exports
/// per user.
/// </summary>
public sealed class RateLimits
{
    public const string Section = "Forewarn:RateLimits";
    public const string SignIn = "sign-in";
    public const string Public = "public";

    /// <summary>
    /// Bulk exports: every endpoint that can answer with a file of rows (CSV, Excel) — or the same rows as JSON — takes
    /// from one budget per user, <see cref="ExportsPerMinute"/>.
    /// </summary>
    public const string Exports = "exports";

    public int SignInPerMinute { get; set; } = 20;
    public int PublicPerMinute { get; set; } = 30;
    public int ExportsPerMinute { get; set; } = 30;
}
