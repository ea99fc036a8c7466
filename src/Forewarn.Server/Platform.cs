using System.Globalization;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
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
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section);
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
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/healthz", async (AppDbContext db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct) ? Results.Ok("ok") : Results.Problem(L.T("数据库不可用", "Database unavailable"), statusCode: 503))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
