using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.Audit;

public static class AuditSetup
{
    public static WebApplicationBuilder AddAuditArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditChain>();
        builder.Services.AddScoped<AuditTrail>();
        return builder;
    }

    public static WebApplication MapAuditArea(this WebApplication app)
    {
        app.MapGet("/api/v1/audit", ListAudit.Handle).WithTags("Audit").RequireAuthorization(Policies.AuditAdmin).Audited("audit.read");
        app.MapGet("/api/v1/audit/export.csv", ExportAudit.Handle).WithTags("Audit").RequireAuthorization(Policies.AuditAdmin).Audited("audit.export")
            .RequireRateLimiting(RateLimits.Exports);
        app.MapGet("/api/v1/audit/verify", VerifyAudit.Handle).WithTags("Audit").RequireAuthorization(Policies.AuditAdmin).Audited("audit.verify");
        return app;
    }
}
