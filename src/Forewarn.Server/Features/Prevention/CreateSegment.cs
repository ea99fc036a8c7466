using System.Security.Claims;
using Forewarn.Engine.Prevention;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>POST /api/v1/prevention/segments</c> <c>{ name, unitCode?, minAge?, maxAge?, fraudTypes?: [..], windowDays?, earlierVictims? }</c> →
/// <c>{ id, count }</c>, and <c>POST /api/v1/prevention/segments/preview</c> (the same body) → the live counts without saving.
/// The area defaults to the caller's unit and must lie in their territory.
/// </summary>
public static class CreateSegment
{
    public sealed record Request(string? Name, string? UnitCode, int? MinAge, int? MaxAge, List<string>? FraudTypes, int? WindowDays, bool? EarlierVictims);

    public sealed record Response(long Id, int Count);

    public static async Task<Results<Created<Response>, ProblemHttpResult>> Handle(Request request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var (segment, problem) = await ParseAsync(request, db, user, clock, ct);
        if (segment is null)
        {
            return problem!;
        }
        db.Add(segment);
        await db.SaveChangesAsync(ct);
        var counts = await SegmentQuery.CountAsync(db, segment, clock.GetUtcNow().UtcDateTime, detail: false, ct);
        return TypedResults.Created($"/api/v1/prevention/segments/{segment.Id}", new Response(segment.Id, counts.Total));
    }

    public static async Task<Results<Ok<SegmentQuery.Counts>, ProblemHttpResult>> Preview(Request request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var (segment, problem) = await ParseAsync(request with { Name = request.Name ?? "preview" }, db, user, clock, ct);
        return segment is null ? problem! : TypedResults.Ok(await SegmentQuery.CountAsync(db, segment, clock.GetUtcNow().UtcDateTime, detail: true, ct));
    }

    private static async Task<(Segment?, ProblemHttpResult?)> ParseAsync(Request request, AppDbContext db, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors["name"] = [L.T("名称必填（不超过100字）", "name is required (at most 100 characters)")];
        }
        if (request.MinAge is < 0 or > 130 || request.MaxAge is < 0 or > 130 || request.MinAge > request.MaxAge)
        {
            errors["age"] = [L.T("年龄范围无效", "invalid age range")];
        }
        var types = request.FraudTypes?.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct().ToList() ?? [];
        if (types.Any(t => FraudTypes.Find(t) is null))
        {
            errors["fraudTypes"] = [L.T("诈骗类型无效", "unknown fraud type")];
        }
        if (request.WindowDays is < 1 or > 365)
        {
            errors["windowDays"] = [L.T("统计天数应为1–365", "windowDays must be 1–365")];
        }
        // The territory filter hides units outside the caller's jurisdiction.
        var code = request.UnitCode ?? user.FindFirstValue(ForewarnClaims.Unit) ?? "";
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => new { u.Code, u.UnitPath }).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            errors["unitCode"] = [L.T("单位不存在或不在您的辖区内", "no such unit in your jurisdiction")];
        }
        if (errors.Count > 0)
        {
            return (null, Problems.Validation(errors));
        }
        return (new Segment
        {
            Name = request.Name!.Trim(), UnitCode = unit!.Code, UnitPath = unit.UnitPath, MinAge = request.MinAge, MaxAge = request.MaxAge,
            FraudTypes = types.Count > 0 ? string.Join(',', types) : null, WindowDays = request.WindowDays ?? 30, EarlierVictims = request.EarlierVictims ?? false,
            CreatedBy = user.Identity?.Name ?? "unknown", CreatedAt = clock.GetUtcNow().UtcDateTime,
        }, null);
    }
}
