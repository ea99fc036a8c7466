using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Suspects;

/// <summary>
/// <c>GET /api/v1/groups?unit=..&amp;page=..</c> and <c>GET /api/v1/groups/{id}</c> — the caller's fraud groups with their members (masked)
/// and roles; a member whose record lies outside the caller's territory is counted but not shown.
/// </summary>
public static class ReadGroups
{
    public sealed record MemberView(long SuspectId, string? Name, string Role, string RoleLabel, string Status);

    public sealed record GroupView(long Id, string Name, string? Note, string UnitCode, int MemberCount, IReadOnlyList<MemberView> Members, int Dens);

    public sealed record Response(IReadOnlyList<GroupView> Items, int Page, int PageSize, int Total);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> List(AppDbContext db, TerritoryResolver territory, string? unit, int? page,
        int? pageSize, CancellationToken ct)
    {
        var query = db.Set<FraudGroup>().AsNoTracking();
        if (unit is not null)
        {
            if ((await territory.GetMapAsync(ct)).Find(unit) is not { } u)
            {
                return Problems.Validation(Jurisdiction.UnitError([], "unit"));
            }
            query = query.Where(g => g.UnitPath.StartsWith(u.UnitPath));
        }
        var (number, size) = Jurisdiction.Paging(page, pageSize);
        var total = await query.CountAsync(ct);
        var ids = await query.OrderByDescending(g => g.Id).Skip((number - 1) * size).Take(size).Select(g => g.Id).ToListAsync(ct);
        var items = new List<GroupView>();
        foreach (var id in ids)
        {
            items.Add((await ViewAsync(db, id, ct))!);
        }
        return TypedResults.Ok(new Response(items, number, size, total));
    }

    public static async Task<Results<Ok<GroupView>, ProblemHttpResult>> Get(long id, AppDbContext db, CancellationToken ct) =>
        await ViewAsync(db, id, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound();

    public static async Task<GroupView?> ViewAsync(AppDbContext db, long id, CancellationToken ct)
    {
        var group = await db.Set<FraudGroup>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
        {
            return null;
        }
        var count = await db.Set<GroupMember>().CountAsync(m => m.GroupId == id, ct);
        var members = await db.Set<GroupMember>().AsNoTracking().Where(m => m.GroupId == id)
            .Join(db.Set<Suspect>(), m => m.SuspectId, s => s.Id, (m, s) => new { m.SuspectId, s.Name, m.Role, s.Status })
            .ToListAsync(ct);
        var dens = await db.Set<Den>().CountAsync(d => d.GroupId == id, ct);
        return new GroupView(group.Id, group.Name, group.Note, group.UnitCode, count,
            [.. members.OrderBy(m => m.Role).Select(m => new MemberView(m.SuspectId, Mask.Name(m.Name), SuspectRoles.Wire(m.Role), SuspectRoles.ChineseName(m.Role), m.Status))],
            dens);
    }
}
