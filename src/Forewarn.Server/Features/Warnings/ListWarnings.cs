using Forewarn.Engine.Warnings;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Warnings;

/// <summary><c>GET /api/v1/warnings?level=..&amp;status=..&amp;unit=..&amp;from=..&amp;to=..&amp;page=..</c> — the caller's warnings, most urgent first.</summary>
public static class ListWarnings
{
    public sealed record SubjectSummary(string? Phone, string? Name, int? Age);

    public sealed record UnitSummary(string Code, string? Name);

    public sealed record Item(long Id, string Level, string Status, SubjectSummary Subject, UnitSummary Unit, string RouteRule,
        DateTimeOffset OpenedAt, DateTimeOffset LastSignalAt, int SignalCount, string? FraudType);

    public sealed record Response(IReadOnlyList<Item> Items, int Page, int PageSize, int Total);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(AppDbContext db, TerritoryResolver territory,
        string? level, string? status, string? unit, string? from, string? to, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Warnings.AsNoTracking();
        if (level is not null)
        {
            if (!RiskLevels.TryParse(level, out var l))
            {
                return Problems.BadRequest("level 应为 special、high、medium 或 low", "level must be special, high, medium or low");
            }
            query = query.Where(w => w.Level == l);
        }
        if (status is not null)
        {
            if (!Enum.TryParse<WarningStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
            {
                return Problems.BadRequest("status 应为 open 或 closed", "status must be open or closed");
            }
            query = query.Where(w => w.Status == s);
        }
        var map = await territory.GetMapAsync(ct);
        if (unit is not null)
        {
            if (map.Find(unit) is not { } u)
            {
                return Problems.BadRequest($"未知的单位：{unit}", $"Unknown unit {unit}");
            }
            query = query.Where(w => w.UnitPath.StartsWith(u.UnitPath));
        }
        foreach (var (text, isFrom) in new[] { (from, true), (to, false) })
        {
            if (text is null)
            {
                continue;
            }
            if (!Stats.StatsQuery.TryTime(text, endOfDay: !isFrom, out var at))
            {
                return Problems.BadRequest($"无法解析的时间：{text}", $"Unparsable time '{text}'");
            }
            query = isFrom ? query.Where(w => w.OpenedAt >= at) : query.Where(w => w.OpenedAt < at);
        }
        var size = Math.Clamp(pageSize ?? 50, 1, 200);
        var number = Math.Max(page ?? 1, 1);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(w => w.Status == WarningStatus.Open ? 0 : 1)
            .ThenByDescending(w => w.Level == RiskLevel.Special ? 4 : w.Level == RiskLevel.High ? 3 : w.Level == RiskLevel.Medium ? 2 : 1)
            .ThenBy(w => w.LevelSince)
            .Skip((number - 1) * size).Take(size)
            .Select(w => new { w.Id, w.Level, w.Status, w.SubjectPhone, w.SubjectName, w.SubjectAge, w.UnitCode, w.RouteRule, w.OpenedAt, w.LastSignalAt, w.SignalCount, w.FraudType })
            .ToListAsync(ct);
        var items = rows.Select(w => new Item(w.Id, RiskLevels.ToWire(w.Level), WireStatus(w.Status),
            new SubjectSummary(Mask.Phone(w.SubjectPhone), Mask.Name(w.SubjectName), w.SubjectAge),
            new UnitSummary(w.UnitCode, map.Find(w.UnitCode)?.Name), w.RouteRule, Utc(w.OpenedAt), Utc(w.LastSignalAt), w.SignalCount, w.FraudType)).ToList();
        return TypedResults.Ok(new Response(items, number, size, total));
    }

    public static string WireStatus(WarningStatus status) => status.ToString().ToLowerInvariant();

    public static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
