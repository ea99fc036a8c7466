using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.Cases;

public static class CasesSetup
{
    public static WebApplicationBuilder AddCasesArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SeriesHolder>();
        return builder;
    }

    public static WebApplication MapCasesArea(this WebApplication app)
    {
        var cases = app.MapGroup("/api/v1/cases").WithTags("Cases").RequireAuthorization(Policies.Staff).Audited();
        cases.MapPost("/", CreateCase.Handle);
        cases.MapGet("/{id:long}", ReadCases.GetCase);
        var series = app.MapGroup("/api/v1/series").WithTags("Cases").RequireAuthorization(Policies.Staff).Audited();
        series.MapGet("/", ReadCases.List);
        series.MapGet("/{id:long}", ReadCases.GetSeries);
        app.MapGet("/api/v1/series/{id:long}/report.csv", SeriesReport.Csv).WithTags("Cases").RequireAuthorization(Policies.Staff).Audited("series.export");
        return app;
    }
}
