using Forewarn.Engine.Values;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Suspects;

/// <summary>
/// <c>GET /api/v1/suspects?status=..&amp;role=..&amp;unit=..&amp;caseId=..&amp;groupId=..&amp;idNumber=..&amp;phone=..&amp;page=..</c> and
/// <c>GET /api/v1/suspects/{id}</c> — the caller's suspects, personal data masked; an ID number or phone is looked up by its keyed hash.
/// </summary>
public static class ReadSuspects
{
    public sealed record GroupRole(long GroupId, string GroupName, string Role, string RoleLabel);

    public sealed record IndicatorView(string Type, string Value);

    public sealed record SuspectView(long Id, string? Name, string? IdNumber, string? Phone, string? Alias, string Status, string UnitCode,
        DateTimeOffset? ArrestedAt, DateTimeOffset? ProsecutedAt, string? Procuratorate, IReadOnlyList<long> Cases,
        IReadOnlyList<IndicatorView> Indicators, IReadOnlyList<GroupRole> Groups, DateTimeOffset CreatedAt);

    public sealed record Response(IReadOnlyList<SuspectView> Items, int Page, int PageSize, int Total);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> List(AppDbContext db, TerritoryResolver territory, LookupHasher hasher,
        string? status, string? role, string? unit, long? caseId, long? groupId, string? idNumber, string? phone, int? page, int? pageSize,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = db.Set<Suspect>().AsNoTracking();
        if (status is not null)
        {
            if (!SuspectStatus.All.Contains(status))
            {
                errors["status"] = [L.T("status 应为 at_large、arrested 或 prosecuted", "status must be at_large, arrested or prosecuted")];
            }
            query = query.Where(s => s.Status == status);
        }
        if (role is not null)
        {
            if (!SuspectRoles.TryParse(role, out var r))
            {
                errors["role"] = [L.T($"角色应为：{SuspectRoles.Choices}", $"role must be one of: {SuspectRoles.Choices}")];
            }
            query = query.Where(s => db.Set<GroupMember>().Any(m => m.SuspectId == s.Id && m.Role == r));
        }
        if (unit is not null)
        {
            if ((await territory.GetMapAsync(ct)).Find(unit) is { } u)
            {
                query = query.Where(s => s.UnitPath.StartsWith(u.UnitPath));
            }
            else
            {
                Jurisdiction.UnitError(errors, "unit");
            }
        }
        if (caseId is { } c)
        {
            query = query.Where(s => db.Set<SuspectCase>().Any(l => l.SuspectId == s.Id && l.CaseId == c));
        }
        if (groupId is { } g)
        {
            query = query.Where(s => db.Set<GroupMember>().Any(m => m.SuspectId == s.Id && m.GroupId == g));
        }
        if (idNumber is not null)
        {
            if (IdNumber.TryParse(idNumber.Trim(), out var id))
            {
                var key = hasher.Hash("id", id.Value);
                query = query.Where(s => s.IdKey == key);
            }
            else
            {
                errors["idNumber"] = [L.T("身份证号无效", "invalid ID number")];
            }
        }
        if (phone is not null)
        {
            if (PhoneNumber.TryParse(phone, out var p))
            {
                var key = hasher.Hash("phone", p.Value);
                query = query.Where(s => s.PhoneKey == key);
            }
            else
            {
                errors["phone"] = [L.T("电话号码无效", "invalid phone number")];
            }
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (number, size) = Jurisdiction.Paging(page, pageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(s => s.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Response(await ViewsAsync(db, rows, ct), number, size, total));
    }

    public static async Task<Results<Ok<SuspectView>, ProblemHttpResult>> Get(long id, AppDbContext db, CancellationToken ct) =>
        await ViewAsync(db, id, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound();

    public static async Task<SuspectView?> ViewAsync(AppDbContext db, long id, CancellationToken ct)
    {
        var row = await db.Set<Suspect>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return row is null ? null : (await ViewsAsync(db, [row], ct))[0];
    }

    private static async Task<List<SuspectView>> ViewsAsync(AppDbContext db, List<Suspect> rows, CancellationToken ct)
    {
        var ids = rows.Select(s => s.Id).ToList();
        // Only cases the caller may see are named.
        var cases = (await db.Set<SuspectCase>().AsNoTracking().Where(l => ids.Contains(l.SuspectId) && db.Cases.Any(c => c.Id == l.CaseId))
            .ToListAsync(ct)).ToLookup(l => l.SuspectId, l => l.CaseId);
        var indicators = (await db.Set<SuspectIndicator>().AsNoTracking().Where(i => ids.Contains(i.SuspectId)).ToListAsync(ct)).ToLookup(i => i.SuspectId);
        var groups = (await db.Set<GroupMember>().AsNoTracking().Where(m => ids.Contains(m.SuspectId))
            .Join(db.Set<FraudGroup>(), m => m.GroupId, g => g.Id, (m, g) => new { m.SuspectId, m.GroupId, g.Name, m.Role })
            .ToListAsync(ct)).ToLookup(m => m.SuspectId);
        return [.. rows.Select(s => new SuspectView(s.Id, Mask.Name(s.Name), Mask.IdNumber(s.IdNumber), Mask.Phone(s.Phone), s.Alias, s.Status, s.UnitCode,
            ListCases.Utc(s.ArrestedAt), ListCases.Utc(s.ProsecutedAt), s.Procuratorate, [.. cases[s.Id].Order()],
            [.. indicators[s.Id].Select(i => new IndicatorView(i.Type, i.Value))],
            [.. groups[s.Id].Select(g => new GroupRole(g.GroupId, g.Name, SuspectRoles.Wire(g.Role), SuspectRoles.ChineseName(g.Role)))],
            ListWarnings.Utc(s.CreatedAt)))];
    }
}
