using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Suspects;

/// <summary>
/// <c>POST /api/v1/dens</c> <c>{ name, address?, lat?, lon?, adminCode?, status?, groupId?, note? }</c> — a den (窝点). Its unit is resolved
/// like a warning's: position, then admin code, then address, else the caller's own unit; it must fall in the caller's territory.
/// </summary>
public static class CreateDen
{
    public sealed record Request(string? Name, string? Address, double? Lat, double? Lon, string? AdminCode, string? Status, long? GroupId, string? Note);

    public sealed record View(long Id, string Name, string? Address, double? Lat, double? Lon, string Status, string StatusLabel, string UnitCode,
        string? UnitName, string RouteRule, long? GroupId, DateTimeOffset? DestroyedAt, DateTimeOffset CreatedAt);

    public static async Task<Results<Created<View>, ProblemHttpResult>> Handle(Request request, AppDbContext db, TerritoryResolver territory,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            errors["name"] = [L.T("窝点名称必填（不超过100字）", "name is required (at most 100 characters)")];
        }
        if (request.Address?.Length > 300)
        {
            errors["address"] = [L.T("地址不能超过300字", "address must be at most 300 characters")];
        }
        if (request.Lat is not null != request.Lon is not null || request.Lat is < -90 or > 90 || request.Lon is < -180 or > 180)
        {
            errors["lat"] = [L.T("经纬度须成对给出且在有效范围内", "lat and lon go together and must be in range")];
        }
        var status = request.Status ?? DenStatus.Suspected;
        if (status is not (DenStatus.Suspected or DenStatus.Confirmed))
        {
            errors["status"] = [L.T("新窝点的状态应为 suspected 或 confirmed", "a new den is suspected or confirmed")];
        }
        if (request.Note?.Length > 2000)
        {
            errors["note"] = [L.T("备注不能超过2000字", "note must be at most 2000 characters")];
        }
        if (request.GroupId is { } g && !await db.Set<FraudGroup>().AnyAsync(x => x.Id == g, ct))
        {
            errors["groupId"] = [L.T("团伙不存在或不在您的辖区内", "no such group in your jurisdiction")];
        }
        var map = await territory.GetMapAsync(ct);
        UnitInfo? unit = null;
        var rule = "caller";
        if (request.Lat is not null || !string.IsNullOrWhiteSpace(request.AdminCode) || !string.IsNullOrWhiteSpace(request.Address))
        {
            var resolved = map.Resolve(new LocationHints(request.Lat, request.Lon, request.AdminCode, request.Address));
            if (resolved.Rule is not (RouteRule.Outside or RouteRule.Unknown))
            {
                unit = Jurisdiction.UnitFor(map, user, resolved.Unit.Code);
                rule = resolved.Rule;
            }
            else if (request.Lat is not null)
            {
                errors["lat"] = [L.T("该位置不在本市范围内", "the position is outside the city")];
            }
            else
            {
                unit = Jurisdiction.UnitFor(map, user, null);
            }
        }
        else
        {
            unit = Jurisdiction.UnitFor(map, user, null);
        }
        if (unit is null && !errors.ContainsKey("lat"))
        {
            Jurisdiction.UnitError(errors, "location");
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var den = new Den
        {
            Name = request.Name!.Trim(), Address = request.Address?.Trim(), Lat = request.Lat, Lon = request.Lon, RouteRule = rule, Status = status,
            GroupId = request.GroupId, Note = request.Note, UnitCode = unit!.Code, UnitPath = unit.UnitPath, CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = Jurisdiction.Actor(user),
        };
        db.Add(den);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/dens/{den.Id}", ToView(den, map));
    }

    public static View ToView(Den d, TerritoryMap map) => new(d.Id, d.Name, d.Address, d.Lat, d.Lon, d.Status, DenStatus.ChineseName(d.Status), d.UnitCode,
        map.Find(d.UnitCode)?.Name, d.RouteRule, d.GroupId, ListCases.Utc(d.DestroyedAt), Warnings.ListWarnings.Utc(d.CreatedAt));
}
