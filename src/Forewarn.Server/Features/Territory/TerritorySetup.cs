using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.Territory;

public static class TerritorySetup
{
    public static WebApplicationBuilder AddTerritoryArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TerritoryOptions>().BindConfiguration(TerritoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TerritoryResolver>();
        return builder;
    }

    public static WebApplication MapTerritoryArea(this WebApplication app)
    {
        var units = app.MapGroup("/api/v1/units").WithTags("Territory").RequireAuthorization(Policies.AnySignedIn).Audited();
        units.MapGet("/", ListUnits.Handle);
        units.MapGet("/{code}", GetUnit.Handle);
        var territory = app.MapGroup("/api/v1/territory").WithTags("Territory").RequireAuthorization(Policies.Staff).Audited();
        territory.MapGet("/resolve", ResolveLocation.Handle);
        territory.MapGet("/districts.geojson", GetDistrictMap.Handle);
        return app;
    }
}
