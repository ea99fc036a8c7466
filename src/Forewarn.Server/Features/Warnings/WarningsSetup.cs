using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.Warnings;

public static class WarningsSetup
{
    public static WebApplicationBuilder AddWarningsArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RaiseWarnings>();
        builder.Services.AddSingleton<SubjectWindows>();
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<WarningNotifier>();
        return builder;
    }

    public static WebApplication MapWarningsArea(this WebApplication app)
    {
        var warnings = app.MapGroup("/api/v1/warnings").WithTags("Warnings").RequireAuthorization(Policies.Staff).Audited();
        warnings.MapGet("/", ListWarnings.Handle);
        warnings.MapGet("/{id:long}", GetWarning.Handle);
        warnings.MapPost("/{id:long}/reveal", RevealSubject.Handle);
        warnings.MapGet("/export", ExportWarnings.Handle).RequireRateLimiting(RateLimits.Exports);
        app.MapHub<WarningHub>(WarningHub.Path);
        return app;
    }
}
