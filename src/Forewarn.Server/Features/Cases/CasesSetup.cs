using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.Cases;

public static class CasesSetup
{
    public static WebApplicationBuilder AddCasesArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SeriesHolder>();
        CrackdownPolicies.Add(builder.Services.AddAuthorizationBuilder());
        return builder;
    }

    public static WebApplication MapCasesArea(this WebApplication app)
    {
        var cases = app.MapGroup("/api/v1/cases").WithTags("Cases").Audited();
        cases.MapPost("/", CreateCase.Handle).RequireAuthorization(Policies.Staff);
        cases.MapGet("/", ListCases.Handle).RequireAuthorization(Policies.Staff);
        cases.MapGet("/{id:long}", ReadCases.GetCase).RequireAuthorization(Policies.Staff);
        cases.MapPost("/{id:long}/status", ChangeCaseStatus.Handle).RequireAuthorization(CrackdownPolicies.Write);
        cases.MapPost("/{id:long}/evidence", CaseEvidenceFiles.Attach).RequireAuthorization(CrackdownPolicies.Write);
        cases.MapGet("/{id:long}/evidence", CaseEvidenceFiles.List).RequireAuthorization(Policies.Staff);
        cases.MapGet("/{id:long}/evidence/{evidenceId:long}", CaseEvidenceFiles.Download).RequireAuthorization(Policies.Staff);
        cases.MapPost("/import", ImportCases.Handle).RequireAuthorization(CrackdownPolicies.Write);
        app.MapGet("/api/v1/stats/crackdown", Stats.CrackdownStats.Handle).WithTags("Statistics").RequireAuthorization(Policies.Staff).Audited()
            .RequireRateLimiting(RateLimits.Exports);
        app.MapGet("/api/v1/stats/crackdown/units", Stats.CrackdownByUnit.Handle).WithTags("Statistics").RequireAuthorization(Policies.Staff).Audited()
            .RequireRateLimiting(RateLimits.Exports);
        var series = app.MapGroup("/api/v1/series").WithTags("Cases").RequireAuthorization(Policies.Staff).Audited();
        series.MapGet("/", ReadCases.List);
        series.MapGet("/{id:long}", ReadCases.GetSeries);
        app.MapGet("/api/v1/series/{id:long}/report.csv", SeriesReport.Csv).WithTags("Cases").RequireAuthorization(Policies.Staff).Audited("series.export")
            .RequireRateLimiting(RateLimits.Exports);
        return app;
    }
}
