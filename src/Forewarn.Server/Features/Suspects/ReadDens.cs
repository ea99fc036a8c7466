using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Suspects;

/// <summary><c>GET /api/v1/dens?status=..&amp;unit=..&amp;groupId=..&amp;page=..</c> and <c>GET /api/v1/dens/{id}</c> — the caller's dens.</summary>
public static class ReadDens
{
    public sealed record Response(IReadOnlyList<CreateDen.View> Items, int Page, int PageSize, int Total);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> List(AppDbContext db, TerritoryResolver territory, string? status, string? unit,
        long? groupId, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var map = await territory.GetMapAsync(ct);
        var query = db.Set<Den>().AsNoTracking();
        if (status is not null)
        {
            if (!DenStatus.All.Contains(status))
            {
                errors["status"] = [L.T("status 应为 suspected、confirmed、destroyed 或 moved", "status must be suspected, confirmed, destroyed or moved")];
            }
            query = query.Where(d => d.Status == status);
        }
        if (unit is not null)
        {
            if (map.Find(unit) is { } u)
            {
                query = query.Where(d => d.UnitPath.StartsWith(u.UnitPath));
            }
            else
            {
                Jurisdiction.UnitError(errors, "unit");
            }
        }
        if (groupId is { } g)
        {
            query = query.Where(d => d.GroupId == g);
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (number, size) = Jurisdiction.Paging(page, pageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(d => d.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Response([.. rows.Select(d => CreateDen.ToView(d, map))], number, size, total));
    }

    public static async Task<Results<Ok<CreateDen.View>, ProblemHttpResult>> Get(long id, AppDbContext db, TerritoryResolver territory, CancellationToken ct)
    {
        var den = await db.Set<Den>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        return den is null ? Problems.NotFound() : TypedResults.Ok(CreateDen.ToView(den, await territory.GetMapAsync(ct)));
    }
}
