using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.Indicators;

public static class IndicatorsSetup
{
    public static WebApplicationBuilder AddIndicatorsArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BlacklistHolder>();
        builder.Services.AddHostedService<BlacklistRefresher>();
        return builder;
    }

    public static WebApplication MapIndicatorsArea(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/indicators").WithTags("Indicators").Audited();
        group.MapGet("/", FindIndicators.Handle).RequireAuthorization(Policies.Staff);
        group.MapPost("/", SaveIndicator.Handle).RequireAuthorization(Policies.IndicatorsWrite);
        group.MapPost("/import", ImportIndicators.Handle).RequireAuthorization(Policies.IndicatorsWrite);
        return app;
    }
}
