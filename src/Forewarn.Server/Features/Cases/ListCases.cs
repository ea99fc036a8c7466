using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Cases;

/// <summary>
/// <c>GET /api/v1/cases?status=open|solved|closed&amp;fraudType=..&amp;unit=..&amp;from=..&amp;to=..&amp;page=..&amp;pageSize=..</c> — the caller's
/// cases, newest first; the period is the time the fraud happened. Victims are masked.
/// </summary>
public static class ListCases
{
    public sealed record Item(long Id, string Title, string? FraudType, DateTimeOffset OccurredAt, decimal Loss, string Status, string UnitCode,
        string? UnitName, DateTimeOffset CreatedAt, DateTimeOffset? SolvedAt, DateTimeOffset? ClosedAt, IReadOnlyList<ReadCases.VictimView> Victims);

    public sealed record Response(IReadOnlyList<Item> Items, int Page, int PageSize, int Total);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(AppDbContext db, TerritoryResolver territory, string? status,
        string? fraudType, string? unit, string? from, string? to, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = db.Cases.AsNoTracking();
        if (status is not null)
        {
            if (!CaseStatus.All.Contains(status))
            {
                errors["status"] = [L.T("status 应为 open、solved 或 closed", "status must be open, solved or closed")];
            }
            query = query.Where(c => c.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(fraudType))
        {
            query = query.Where(c => c.FraudType == fraudType);
        }
        var map = await territory.GetMapAsync(ct);
        if (unit is not null)
        {
            if (map.Find(unit) is not { } u)
            {
                Jurisdiction.UnitError(errors, "unit");
            }
            else
            {
                query = query.Where(c => c.UnitPath.StartsWith(u.UnitPath));
            }
        }
        if (Jurisdiction.TryPeriod(from, to, errors, out var start, out var end))
        {
            query = start is { } s ? query.Where(c => c.OccurredAt >= s) : query;
            query = end is { } e ? query.Where(c => c.OccurredAt < e) : query;
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (number, size) = Jurisdiction.Paging(page, pageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.OccurredAt).ThenByDescending(c => c.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var ids = rows.Select(c => c.Id).ToList();
        var victims = (await db.CaseVictims.AsNoTracking().Where(v => ids.Contains(v.CaseId)).ToListAsync(ct)).ToLookup(v => v.CaseId);
        var items = rows.Select(c => new Item(c.Id, c.Title, c.FraudType, ListWarnings.Utc(c.OccurredAt), c.LossFen / 100m, c.Status, c.UnitCode,
            map.Find(c.UnitCode)?.Name, ListWarnings.Utc(c.CreatedAt), Utc(c.SolvedAt), Utc(c.ClosedAt),
            [.. victims[c.Id].Select(v => new ReadCases.VictimView(Mask.Name(v.Name), Mask.Phone(v.Phone)))])).ToList();
        return TypedResults.Ok(new Response(items, number, size, total));
    }

    public static DateTimeOffset? Utc(DateTime? at) => at is { } a ? ListWarnings.Utc(a) : null;
}
