using System.Globalization;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.WatchLists;

/// <summary>
/// <c>GET /api/v1/watch-lists?kind=..&amp;status=active|removed&amp;unit=..&amp;page=..</c>, <c>GET /api/v1/watch-lists/due?within=DAYS</c> (active
/// entries whose review date is today or earlier, or within the next DAYS days; soonest first) and <c>GET /api/v1/watch-lists/{id}</c> —
/// territory-scoped, personal data masked.
/// </summary>
public static class ReadWatchLists
{
    public sealed record View(long Id, string Kind, string KindLabel, string? Name, string? IdNumber, string? Phone, string Reason, string ReviewBy,
        bool Due, string Status, long? SuspectId, string UnitCode, string? UnitName, DateTimeOffset? LastReviewedAt, string? LastReviewedBy);

    public sealed record Response(IReadOnlyList<View> Items, int Page, int PageSize, int Total);

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> List(AppDbContext db, TerritoryResolver territory, TimeProvider clock, string? kind,
        string? status, string? unit, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var map = await territory.GetMapAsync(ct);
        var query = db.Set<WatchEntry>().AsNoTracking();
        if (kind is not null)
        {
            if (!WatchKind.All.Contains(kind))
            {
                errors["kind"] = [L.T("kind 应为 recruiter 或 exit_risk", "kind must be recruiter or exit_risk")];
            }
            query = query.Where(w => w.Kind == kind);
        }
        if (status is not null)
        {
            if (status is not ("active" or "removed"))
            {
                errors["status"] = [L.T("status 应为 active 或 removed", "status must be active or removed")];
            }
            query = query.Where(w => w.Status == status);
        }
        if (unit is not null)
        {
            if (map.Find(unit) is { } u)
            {
                query = query.Where(w => w.UnitPath.StartsWith(u.UnitPath));
            }
            else
            {
                Jurisdiction.UnitError(errors, "unit");
            }
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (n, size) = Jurisdiction.Paging(page, pageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(w => w.Id).Skip((n - 1) * size).Take(size).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(new Response([.. rows.Select(w => ToView(w, map, now))], n, size, total));
    }

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Due(AppDbContext db, TerritoryResolver territory, TimeProvider clock, int? within,
        int? page, int? pageSize, CancellationToken ct)
    {
        if (within is < 0 or > 366)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["within"] = [L.T("within 应为 0 到 366 天", "within must be 0 to 366 days")] });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = TomorrowStart(now).AddDays(within ?? 0);
        var query = db.Set<WatchEntry>().AsNoTracking().Where(w => w.Status == "active" && w.ReviewBy < cutoff);
        var (n, size) = Jurisdiction.Paging(page, pageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(w => w.ReviewBy).ThenBy(w => w.Id).Skip((n - 1) * size).Take(size).ToListAsync(ct);
        var map = await territory.GetMapAsync(ct);
        return TypedResults.Ok(new Response([.. rows.Select(w => ToView(w, map, now))], n, size, total));
    }

    public static async Task<Results<Ok<View>, ProblemHttpResult>> Get(long id, AppDbContext db, TerritoryResolver territory, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.Set<WatchEntry>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        return row is null ? Problems.NotFound() : TypedResults.Ok(ToView(row, await territory.GetMapAsync(ct), clock.GetUtcNow().UtcDateTime));
    }

    public static View ToView(WatchEntry w, TerritoryMap map, DateTime now) => new(w.Id, w.Kind, WatchKind.ChineseName(w.Kind), Mask.Name(w.Name),
        Mask.IdNumber(w.IdNumber), Mask.Phone(w.Phone), w.Reason, ChinaDay(w.ReviewBy), w.Status == "active" && w.ReviewBy < TomorrowStart(now), w.Status,
        w.SuspectId, w.UnitCode, map.Find(w.UnitCode)?.Name, ListCases.Utc(w.LastReviewedAt), w.LastReviewedBy);

    /// <summary>A review date: a China-time day, today or later, at most three years ahead.</summary>
    public static DateTime ParseReviewDate(string? text, DateTime now, Dictionary<string, string[]> errors, string field = "reviewBy")
    {
        if (!DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors[field] = [L.T("复核日期必填，格式 yyyy-MM-dd", "a review date (yyyy-MM-dd) is required")];
            return default;
        }
        var start = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - China, DateTimeKind.Utc);
        if (start < TomorrowStart(now).AddDays(-1) || start > now.AddYears(3))
        {
            errors[field] = [L.T("复核日期应在今天到三年之内", "the review date must be from today to three years ahead")];
        }
        return start;
    }

    private static DateTime TomorrowStart(DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(nowUtc + China);
        return DateTime.SpecifyKind(today.AddDays(1).ToDateTime(TimeOnly.MinValue) - China, DateTimeKind.Utc);
    }

    private static string ChinaDay(DateTime utc) => DateOnly.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc) + China).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
