using Forewarn.Server.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Features.Territory;

/// <summary>
/// <c>GET /api/v1/territory/resolve?lat=..&amp;lon=..</c> (or <c>adminCode</c>, <c>address</c>, <c>idNumber</c>, <c>phone</c>):
/// which unit owns a location, and by which rule.
/// </summary>
public static class ResolveLocation
{
    public sealed record UnitRef(string Code, string Name, string Level);

    public sealed record Response(UnitRef Unit, IReadOnlyList<string> Path, string Rule, string Evidence);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(TerritoryResolver resolver,
        double? lat, double? lon, string? adminCode, string? address, string? idNumber, string? phone, CancellationToken ct)
    {
        if (lat.HasValue != lon.HasValue)
        {
            return Problems.BadRequest("经纬度必须同时提供", "Give both lat and lon");
        }
        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            return Problems.BadRequest("经纬度超出范围", "lat or lon out of range");
        }
        if (lat is null && string.IsNullOrWhiteSpace(adminCode) && string.IsNullOrWhiteSpace(address)
            && string.IsNullOrWhiteSpace(idNumber) && string.IsNullOrWhiteSpace(phone))
        {
            return Problems.BadRequest("请提供 lat/lon、adminCode、address、idNumber 或 phone 之一",
                "Give one of lat/lon, adminCode, address, idNumber or phone");
        }
        var map = await resolver.GetMapAsync(ct);
        var resolution = map.Resolve(new LocationHints(lat, lon, adminCode, address, idNumber, phone));
        var unit = resolution.Unit;
        return TypedResults.Ok(new Response(new UnitRef(unit.Code, unit.Name, ListUnits.Wire(unit.Level)), unit.Path, resolution.Rule, resolution.Evidence));
    }
}
